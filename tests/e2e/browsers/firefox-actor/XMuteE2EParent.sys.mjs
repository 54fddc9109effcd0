// Test-only: the parent half of XMuteE2EChild.sys.mjs (it sends queries, nothing more).
export class XMuteE2EParent extends JSWindowActorParent {}
