global using Xunit;
global using Portico.IntegrationTests.Infrastructure;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
