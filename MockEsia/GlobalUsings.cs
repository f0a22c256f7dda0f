global using MockEsia.Abstractions;
