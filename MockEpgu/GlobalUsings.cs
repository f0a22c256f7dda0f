global using Microsoft.AspNetCore.Http;
global using MockEsia.Abstractions;
