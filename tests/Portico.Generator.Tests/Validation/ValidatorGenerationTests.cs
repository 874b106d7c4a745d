using System.Reflection;
using System.Text.Json;
using Portico.Validation;
using Xunit;

namespace Portico.Tests.Validation;

public sealed class ValidatorGenerationTests
{
    private static string Petstore => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "petstore.yaml"));

    [Fact]
    public void Validators_false_generates_no_validators_and_no_checks()
    {
        var run = GeneratorHarness.Run("/project/petstore.yaml", Petstore, new Dictionary<string, string> { ["Validators"] = "false" });

        Assert.Empty(run.CompileProblems());
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith("Validation.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("ValidateRequests", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("_core.ReadJsonAsync", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_false_keeps_models_context_and_validators_for_a_server()
    {
        var run = GeneratorHarness.Run("/project/petstore.yaml", Petstore, new Dictionary<string, string> { ["Client"] = "false", ["ClientName"] = "PetsClient" });

        Assert.Empty(run.CompileProblems());
        var assembly = Assembly.Load(run.Emit());
        var types = assembly.GetTypes();
        // No client, no operation groups, no DI registration; the models, their JSON context and the validators remain.
        Assert.DoesNotContain(types, t => t.Name is "PetsClient" || t.Name.EndsWith("Operations", StringComparison.Ordinal) || t.Name.EndsWith("Extensions", StringComparison.Ordinal));
        Assert.Contains(types, t => typeof(System.Text.Json.Serialization.JsonSerializerContext).IsAssignableFrom(t));
        var validation = types.Single(t => t.Name == "PetsClientValidation");
        var operations = (IReadOnlyList<OperationValidator>)validation.GetProperty("Operations")!.GetValue(null)!;
        Assert.NotEmpty(operations);
        var schemas = validation.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(SchemaValidator)).ToList();
        using var doc = JsonDocument.Parse("[[[]]]");
        Assert.Contains(schemas, p => !((SchemaValidator)p.GetValue(null)!).Validate(doc.RootElement).IsValid);
        Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("cref=\"global::Tests.Petstore.PetsClient\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Validators_are_generated_by_default_and_run()
    {
        var run = GeneratorHarness.Run("/project/petstore.yaml", Petstore);

        Assert.Empty(run.CompileProblems());
        var assembly = Assembly.Load(run.Emit());
        var validation = assembly.GetTypes().Single(t => t.Name.EndsWith("Validation", StringComparison.Ordinal) && t.GetProperty("Schemas") is not null);
        var operations = (IReadOnlyList<OperationValidator>)validation.GetProperty("Operations")!.GetValue(null)!;
        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o.OperationId)));
        // Every component schema has a validator that accepts nothing of the wrong type.
        var schemas = validation.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(SchemaValidator)).ToList();
        Assert.NotEmpty(schemas);
        using var doc = JsonDocument.Parse("[[[]]]");
        Assert.Contains(schemas, p => !((SchemaValidator)p.GetValue(null)!).Validate(doc.RootElement).IsValid);
    }

    [Fact]
    public void Identical_inline_rules_are_shared()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Shared, version: '1' }
            paths: {}
            components:
              schemas:
                A: { type: object, properties: { state: { type: string, enum: [open, closed] } } }
                B: { type: object, properties: { state: { type: string, enum: [open, closed] } } }
                C: { type: object, properties: { state: { type: string, enum: [open, closed] } } }
            """;
        var run = GeneratorHarness.Run("/project/shared.yaml", spec);
        Assert.Empty(run.CompileProblems());
        string text = run.Source("SharedClientValidation.g.cs");
        Assert.Equal(1, text.Split("\"enum\":[\"open\",\"closed\"]").Length - 1);
    }
    [Theory]
    [InlineData("/project/charges.yaml", false)]
    [InlineData("/project/charges.json", true)]
    public void OpenApi30_nullable_without_type_lets_null_through(string path, bool json)
    {
        // Stripe's shape: `anyOf` plus `nullable: true` and no `type` (Microsoft.OpenApi keeps no trace of the nullable).
        const string yaml = """
            openapi: 3.0.3
            info: { title: Charges, version: '1' }
            paths: {}
            components:
              schemas:
                Customer: { type: object, required: [id], properties: { id: { type: string } } }
                Charge:
                  type: object
                  properties:
                    customer:
                      anyOf: [ { $ref: '#/components/schemas/Customer' } ]
                      nullable: true
                    owner:
                      anyOf: [ { $ref: '#/components/schemas/Customer' } ]
            """;
        const string jsonText = """
            {"openapi": "3.0.3", "info": {"title": "Charges", "version": "1"}, "paths": {},
             "components": {"schemas": {
               "Customer": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
               "Charge": {"type": "object", "properties": {
                 "customer": {"nullable": true, "anyOf": [{"$ref": "#/components/schemas/Customer"}]},
                 "owner": {"anyOf": [{"$ref": "#/components/schemas/Customer"}]}}}}}}
            """;
        var run = GeneratorHarness.Run(path, json ? jsonText : yaml);
        Assert.Empty(run.CompileProblems());
        var assembly = Assembly.Load(run.Emit());
        var validation = assembly.GetTypes().Single(t => t.Name == "ChargesClientValidation");
        var charge = (SchemaValidator)validation.GetProperty("Charge")!.GetValue(null)!;

        using var nullCustomer = JsonDocument.Parse("""{"customer": null}""");
        Assert.True(charge.Validate(nullCustomer.RootElement).IsValid);
        using var customer = JsonDocument.Parse("""{"customer": {"id": "cus_1"}}""");
        Assert.True(charge.Validate(customer.RootElement).IsValid);
        using var badCustomer = JsonDocument.Parse("""{"customer": {}}""");
        Assert.False(charge.Validate(badCustomer.RootElement).IsValid);
        // Without `nullable`, null still fails the anyOf.
        using var nullOwner = JsonDocument.Parse("""{"owner": null}""");
        Assert.False(charge.Validate(nullOwner.RootElement).IsValid);
    }
}
