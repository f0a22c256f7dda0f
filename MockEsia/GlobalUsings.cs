global using MockEsia.Abstractions;
global using MockEsia.Errors;
