export const accessibilityScenarios = [];
