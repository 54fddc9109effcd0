export const markupScenarios = [];
