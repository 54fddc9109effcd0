// The fixture's accounts the scenarios name (tests/fake_x/server.py's directory): their user ids
// and handles, in one place.
export const ALICE = { id: "1000000001", screenName: "alice_fixture" };
export const BOB = { id: "1000000002", screenName: "bob_fixture" };
export const CAROL = { id: "1000000003", screenName: "carol_fixture" };
export const DAVE = { id: "1000000004", screenName: "dave_fixture" };
export const ERIN = { id: "1000000005", screenName: "erin_fixture" };
export const FRANK = { id: "1000000006", screenName: "frank_fixture" };
export const SUSPENDED = { id: "1000000009", screenName: "suspended_fix" };
