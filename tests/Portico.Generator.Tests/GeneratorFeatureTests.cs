using Microsoft.CodeAnalysis;
using Portico.CodeGeneration.Emit;
using Portico.SourceGenerator;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Tests;

/// <summary>What a project gets from its OpenApiSpec items: names, filters, several documents, multi-file documents and template overrides.</summary>
public sealed class GeneratorFeatureTests(ITestOutputHelper output)
{
    private static void AssertClean(GenerationRun run, ITestOutputHelper output)
    {
        foreach (var d in run.GeneratorDiagnostics) output.WriteLine(d.ToString());
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var problems = run.CompileProblems();
        foreach (var p in problems.Take(20)) output.WriteLine(p.ToString());
        Assert.Empty(problems);
    }

    private static HashSet<string> TypeNames(GenerationRun run, string ns)
        => run.Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .Where(t => t.ContainingNamespace.ToDisplayString() == ns && t.ContainingType is null)
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> OperationMethods(GenerationRun run, string ns)
        => run.Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member).OfType<IMethodSymbol>()
            .Where(m => m.ContainingNamespace.ToDisplayString() == ns && m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.Name.EndsWith("WithResponseAsync", StringComparison.Ordinal))
            .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Two_versions_of_one_api_in_one_project_do_not_collide()
    {
        string v1 = TestSpecs.Text("petstore.yaml");
        string v2 = v1.Replace("version: 1.0.0", "version: 2.0.0").Replace("birthDate: { type: string, format: date }", "birthDate: { type: string, format: date }\n        nickname: { type: string }");
        var run = GeneratorHarness.Run(
        [
            new TestFile("/project/specs/v1/petstore.yaml", v1, Metadata: TestSpecs.Meta(("Namespace", "Shop.V1"))),
            new TestFile("/project/specs/v2/petstore.yaml", v2, Metadata: TestSpecs.Meta(("Namespace", "Shop.V2"))),
        ], source: "namespace Use { static class U { static void M(Shop.V1.Pet a, Shop.V2.Pet b) { _ = b.Nickname; _ = new Shop.V1.PetStoreClient(null!); _ = new Shop.V2.PetStoreClient(null!); } } }");
        AssertClean(run, output);
        Assert.Equal(run.Sources.Count(), run.Sources.Select(s => s.HintName).Distinct().Count());
        Assert.Contains("Pet", TypeNames(run, "Shop.V1"));
        Assert.Contains("Pet", TypeNames(run, "Shop.V2"));
    }

    [Fact]
    public void Same_file_name_outside_the_project_in_two_folders_does_not_collide()
    {
        string spec = TestSpecs.Text("petstore.yaml");
        var run = GeneratorHarness.Run(
        [
            new TestFile("/shared/a/api.yaml", spec, Metadata: TestSpecs.Meta(("Namespace", "A.Api"))),
            new TestFile("/shared/b/api.yaml", spec, Metadata: TestSpecs.Meta(("Namespace", "B.Api"))),
        ]);
        AssertClean(run, output);
        Assert.Contains("PetStoreClient", TypeNames(run, "A.Api"));
        Assert.Contains("PetStoreClient", TypeNames(run, "B.Api"));
    }

    [Theory]
    [InlineData("My.App", "/project/pet-store.yaml", "My.App.PetStore")]
    [InlineData("My.App", "/project/apis/v1/github_api.json", "My.App.GithubApi")]
    [InlineData("", "/project/pet-store.yaml", "PetStore")]
    [InlineData(null, "/project/pet-store.yaml", "PetStore")]
    public void Default_namespace_is_root_namespace_plus_file_name(string? rootNamespace, string path, string expected)
    {
        var run = GeneratorHarness.Run([new TestFile(path, TestSpecs.Text("petstore.yaml"))], rootNamespace: rootNamespace);
        AssertClean(run, output);
        Assert.Contains("PetStoreClient", TypeNames(run, expected));
    }

    [Theory]
    [InlineData("Pet Store", "PetStoreClient")]
    [InlineData("pet-store api", "PetStoreApiClient")]
    [InlineData("Billing Client", "BillingClient")]
    [InlineData("Évènements 2024", "Évènements2024Client")]
    public void Default_client_name_is_title_plus_client(string title, string expected)
    {
        string spec = TestSpecs.Text("petstore.yaml").Replace("title: Pet Store", "title: '" + title + "'");
        var run = GeneratorHarness.Run([new TestFile("/project/api.yaml", spec)]);
        AssertClean(run, output);
        Assert.Contains(expected, TypeNames(run, "Tests.Api"));
    }

    [Fact]
    public void ClientName_and_Namespace_metadata_win()
    {
        var run = GeneratorHarness.Run([TestSpecs.Spec("petstore.yaml", TestSpecs.Meta(("Namespace", "Custom.Ns"), ("ClientName", "Shop")))]);
        AssertClean(run, output);
        var types = TypeNames(run, "Custom.Ns");
        Assert.Contains("Shop", types);
        Assert.DoesNotContain("PetStoreClient", types);
    }

    public static IEnumerable<object[]> Filters()
    {
        // metadata, operations kept, models kept (and only those)
        yield return [new[] { ("IncludeTags", "pets") }, new[] { "ListPetsAsync", "AddPetAsync", "GetPetAsync" }, new[] { "Pet", "NewPet", "PetStatus" }];
        yield return [new[] { ("ExcludeTags", "pets") }, new[] { "PlaceOrderAsync" }, new[] { "Order" }];
        yield return [new[] { ("IncludePaths", "/store") }, new[] { "PlaceOrderAsync" }, new[] { "Order" }];
        yield return [new[] { ("IncludePaths", "/pets/*") }, new[] { "GetPetAsync" }, new[] { "Pet", "PetStatus" }];
        yield return [new[] { ("IncludeOperations", "addPet; placeOrder") }, new[] { "AddPetAsync", "PlaceOrderAsync" }, new[] { "Pet", "NewPet", "PetStatus", "Order" }];
        yield return [new[] { ("ExcludeOperations", "listPets,addPet,getPet") }, new[] { "PlaceOrderAsync" }, new[] { "Order" }];
        yield return [new[] { ("IncludeTags", "pets"), ("ExcludeOperations", "addPet") }, new[] { "ListPetsAsync", "GetPetAsync" }, new[] { "Pet", "PetStatus" }];
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Filters_keep_only_the_selected_operations_and_the_schemas_they_reach((string, string)[] metadata, string[] operations, string[] models)
    {
        var run = GeneratorHarness.Run([TestSpecs.Spec("petstore.yaml", TestSpecs.Meta(metadata), path: "/project/shop.yaml")]);
        AssertClean(run, output);
        Assert.Equal(operations.OrderBy(x => x), OperationMethods(run, "Tests.Shop").OrderBy(x => x));
        var modelFiles = run.Sources.Where(s => s.HintName.Contains(".Models.", StringComparison.Ordinal))
            .Select(s => s.HintName.Substring(s.HintName.IndexOf(".Models.", StringComparison.Ordinal) + 8).Replace(".g.cs", string.Empty));
        Assert.Equal(models.OrderBy(x => x), modelFiles.OrderBy(x => x));
    }

    private const string Root = """
        openapi: 3.0.3
        info: { title: Multi, version: '1' }
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: array
                        items: { $ref: './common/models.yaml#/components/schemas/Pet' }
        """;

    private const string Common = """
        openapi: 3.0.3
        info: { title: Common, version: '1' }
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [name]
              properties:
                name: { type: string }
                owner: { $ref: '#/components/schemas/Owner' }
            Owner:
              type: object
              properties:
                email: { type: string }
        """;

    [Fact]
    public void Multi_file_document_generates_and_follows_edits_of_the_referenced_file()
    {
        var files = new[]
        {
            new TestFile("/project/api/root.yaml", Root),
            new TestFile("/project/api/common/models.yaml", Common, Kind: "OpenApiReference"),
        };
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(files, out var texts).RunGeneratorsAndUpdateCompilation(compilation, out var first, out var diagnostics);
        foreach (var d in diagnostics) output.WriteLine(d.ToString());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(first.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var pet = first.GetTypeByMetadataName("Tests.Root.Pet");
        Assert.NotNull(pet);
        Assert.NotNull(first.GetTypeByMetadataName("Tests.Root.Owner"));
        Assert.DoesNotContain(pet!.GetMembers(), m => m.Name == "Age");

        // Only the referenced file changes: the document is read again and the model follows.
        var common = texts.Single(t => t.Path.EndsWith("models.yaml", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(common, new GeneratorHarness.InMemoryAdditionalText(common.Path, Common.Replace("name: { type: string }", "name: { type: string }\n        age: { type: integer }")))
            .RunGeneratorsAndUpdateCompilation(compilation, out var second, out _);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        Assert.Contains(steps[TrackingNames.ParseSpec].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(second.GetTypeByMetadataName("Tests.Root.Pet")!.GetMembers(), m => m.Name == "Age");
        Assert.Empty(second.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        // A referenced file is not a document of its own: it generates nothing by itself.
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains("models.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_file_document_with_whole_file_schema_references()
    {
        const string root = """
            openapi: 3.0.3
            info: { title: Split, version: '1' }
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  parameters:
                    - $ref: 'parameters.yaml#/petId'
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: 'schemas/Pet.yaml' }
            """;
        var run = GeneratorHarness.Run(
        [
            new TestFile("/project/split/root.yaml", root),
            new TestFile("/project/split/schemas/Pet.yaml", "type: object\nproperties:\n  name: { type: string }\n  owner: { $ref: 'Owner.json' }\n", Kind: "OpenApiReference"),
            new TestFile("/project/split/schemas/Owner.json", "{ \"type\": \"object\", \"properties\": { \"email\": { \"type\": \"string\" } } }", Kind: "OpenApiReference"),
            new TestFile("/project/split/parameters.yaml", "petId:\n  name: id\n  in: path\n  required: true\n  schema: { type: integer, format: int64 }\n", Kind: "OpenApiReference"),
        ]);
        AssertClean(run, output);
        var pet = run.Compilation.GetTypeByMetadataName("Tests.Root.Pet") ?? run.Compilation.GetTypeByMetadataName("Tests.Split.Pet");
        Assert.NotNull(pet);
        Assert.Contains(pet!.GetMembers(), m => m.Name == "Owner");
        Assert.Contains(OperationMethods(run, pet.ContainingNamespace.ToDisplayString()), m => m == "GetPetAsync");
        Assert.Contains("long id", string.Concat(run.Sources.Select(s => s.SourceText.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Fragment_files_that_refer_to_each_other_and_swagger2_definitions()
    {
        const string root = """
            {
              "swagger": "2.0",
              "info": { "title": "Cycle", "version": "1" },
              "paths": {
                "/people": {
                  "get": {
                    "operationId": "listPeople",
                    "parameters": [ { "$ref": "common/params.json#/limit" } ],
                    "responses": {
                      "200": { "description": "ok", "schema": { "type": "array", "items": { "$ref": "models/Person.json" } } },
                      "default": { "$ref": "common/errors.json#/Problem" }
                    }
                  }
                }
              }
            }
            """;
        var run = GeneratorHarness.Run(
        [
            new TestFile("/project/cycle/root.json", root),
            new TestFile("/project/cycle/models/Person.json", "{ \"type\": \"object\", \"properties\": { \"name\": { \"type\": \"string\" }, \"pet\": { \"$ref\": \"Pet.json\" } } }", Kind: "OpenApiReference"),
            new TestFile("/project/cycle/models/Pet.json", "{ \"type\": \"object\", \"properties\": { \"owner\": { \"$ref\": \"Person.json\" }, \"friends\": { \"type\": \"array\", \"items\": { \"$ref\": \"#\" } } } }", Kind: "OpenApiReference"),
            new TestFile("/project/cycle/common/params.json", "{ \"limit\": { \"name\": \"limit\", \"in\": \"query\", \"type\": \"integer\", \"format\": \"int32\" } }", Kind: "OpenApiReference"),
            new TestFile("/project/cycle/common/errors.json", "{ \"Problem\": { \"description\": \"error\", \"schema\": { \"$ref\": \"#/Detail\" } }, \"Detail\": { \"type\": \"object\", \"properties\": { \"title\": { \"type\": \"string\" } } } }", Kind: "OpenApiReference"),
        ]);
        AssertClean(run, output);
        var person = run.Compilation.GetTypeByMetadataName("Tests.Root.Person")!;
        var pet = run.Compilation.GetTypeByMetadataName("Tests.Root.Pet")!;
        Assert.Contains(person.GetMembers("Pet").OfType<IPropertySymbol>(), p => p.Type.Name == "Pet");
        Assert.Contains(pet.GetMembers("Owner").OfType<IPropertySymbol>(), p => p.Type.Name == "Person");
        Assert.Contains(pet.GetMembers("Friends").OfType<IPropertySymbol>(), p => p.Type.ToDisplayString().Contains("Pet", StringComparison.Ordinal));
        Assert.Contains("int? limit", string.Concat(run.Sources.Select(s => s.SourceText.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_over_a_million_characters_are_not_cut_short()
    {
        var sb = new System.Text.StringBuilder("openapi: 3.0.3\ninfo: { title: Big, version: '1' }\npaths:\n");
        string words = string.Concat(Enumerable.Repeat("A long description of what this operation does. ", 60));
        for (int i = 0; i < 300; i++)
        {
            sb.Append("  /items").Append(i).Append(":\n    get:\n      tags: [items]\n      operationId: getItem").Append(i)
              .Append("\n      description: '").Append(words).Append("'\n      responses:\n        '204': { description: ok }\n");
        }
        var run = GeneratorHarness.Run([new TestFile("/project/big.yaml", sb.ToString())]);
        Assert.Empty(run.GeneratorDiagnostics);
        var group = run.Sources.Single(s => s.HintName.EndsWith("ItemsOperations.g.cs", StringComparison.Ordinal));
        string text = group.SourceText.ToString();
        Assert.True(text.Length > 1_100_000, "the test needs a file over the old limit: " + text.Length);
        Assert.EndsWith("    }\n}\n", text, StringComparison.Ordinal);
        Assert.Contains("GetItem299Async", text, StringComparison.Ordinal);
        Assert.Empty(group.SyntaxTree.GetDiagnostics());
    }

    [Fact]
    public void Template_override_changes_the_output()
    {
        string custom = TemplateSet.BuiltInText("class").Replace("    public partial class {{ type.name }}", "    [global::System.Serializable]\n    public partial class {{ type.name }}");
        Assert.NotEqual(TemplateSet.BuiltInText("class"), custom);
        var run = GeneratorHarness.Run([TestSpecs.Spec("petstore.yaml"), new TestFile("/project/Templates/class.sbn", custom, Kind: "Template")]);
        AssertClean(run, output);
        var pet = run.Compilation.GetTypeByMetadataName("Tests.Petstore.Pet")!;
        Assert.Contains(pet.GetAttributes(), a => a.AttributeClass?.Name == "SerializableAttribute");
        // Other templates are untouched.
        Assert.DoesNotContain(run.Compilation.GetTypeByMetadataName("Tests.Petstore.PetStoreClient")!.GetAttributes(), a => a.AttributeClass?.Name == "SerializableAttribute");
    }

    [Fact]
    public void Files_of_other_kinds_and_unknown_templates_are_ignored()
    {
        var run = GeneratorHarness.Run(
        [
            TestSpecs.Spec("petstore.yaml"),
            new TestFile("/project/notes.yaml", "this: is not for portico", Kind: ""),
            new TestFile("/project/appsettings.json", "{ \"a\": 1 }", Kind: "Other"),
            new TestFile("/project/Templates/unknown.sbn", "{{ broken", Kind: "Template"),
        ]);
        AssertClean(run, output);
        Assert.All(run.Sources, s => Assert.StartsWith("petstore.yaml.", s.HintName, StringComparison.Ordinal));
    }
}
