using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Model
{
    // The bound model: every C# name and every snippet of code is decided here, so templates only lay text out.
    // Records of strings, bools and EquatableArrays only: value equality makes the incremental pipeline cache.

    /// <summary>A C# type and how JSON reads and writes it.</summary>
    public sealed record TypeRef(
        string Name,
        string Converter,
        bool IsValueType,
        string Kind,
        string ContextProperty)
    {
        /// <summary>The declared type, with <c>?</c> when null is allowed.</summary>
        public string Declared(bool nullable) => nullable ? Name + "?" : Name;

        public bool IsModel => Kind == TypeKinds.Model;
        public bool IsList => Kind == TypeKinds.List;
        public bool IsMap => Kind == TypeKinds.Map;
        public bool IsScalar => Kind == TypeKinds.Scalar || Kind == TypeKinds.Enum;
    }

    public static class TypeKinds
    {
        public const string Scalar = "scalar";
        public const string Enum = "enum";
        public const string Model = "model";
        public const string List = "list";
        public const string Map = "map";
        public const string Any = "any";
        public const string File = "file";
    }

    /// <summary>One generated source file.</summary>
    public sealed record FileModel(string HintName, string Template, EmitContext Context, TypeModel? Type, GroupModel? Group, ClientModel? Client)
    {
        /// <summary>The API Gateway metadata class (template "gateway").</summary>
        public global::Portico.CodeGeneration.Gateway.GatewayClassModel? Gateway { get; init; }
        /// <summary>The stages file's model (template <c>stages</c>), else null.</summary>
        public StagesModel? Stages { get; init; }
    }

    /// <summary>What every file of one client needs to know.</summary>
    public sealed record EmitContext(string Namespace, string ClientName, string ContextName, string GeneratorVersion, string SpecFile)
    {
        /// <summary>The nullable context every file opens with (see <see cref="GeneratorOptions.NullableWarnings"/>).</summary>
        public string Nullable { get; init; } = "#nullable enable annotations\n#nullable disable warnings";

        /// <summary>How documentation names the API: a reference to the client class, or its title when no client is emitted.</summary>
        public string ApiReference { get; init; } = string.Empty;

        /// <summary>The document's full path, where problems of this file are reported.</summary>
        public string SpecPath { get; init; } = SpecFile;
    }

    public sealed record ClientModel(
        string SpecPath,
        string HintPrefix,
        string Namespace,
        string ClientName,
        string ContextName,
        string ExtensionsName,
        string Title,
        string Version,
        string? DefaultBaseAddress,
        EquatableArray<string> DocLines,
        EquatableArray<GroupModel> Groups,
        EquatableArray<OperationModel> RootOperations,
        EquatableArray<ContextTypeModel> ContextTypes,
        string GeneratorVersion)
    {
        /// <summary>Whether the generated files keep the compiler's nullable warnings on.</summary>
        public bool NullableWarnings { get; init; }

        /// <summary>Whether the client itself (class, operation groups, DI extensions, stages) is emitted.</summary>
        public bool EmitClient { get; init; } = true;

        /// <summary>The document's security schemes.</summary>
        public EquatableArray<SecuritySchemeModel> SecuritySchemes { get; init; } = EquatableArray<SecuritySchemeModel>.Empty;

        /// <summary>Root <c>x-portico-throttle</c> rate (a C# literal), or null.</summary>
        public string? ThrottleRate { get; init; }

        /// <summary>Root <c>x-portico-throttle</c> burst (a C# literal), or null.</summary>
        public string? ThrottleBurst { get; init; }

        /// <summary>The generated validators (null when the OpenApiSpec item says <c>Validators="false"</c>).</summary>
        public ValidationModel? Validation { get; init; }
    }

    /// <summary>A type the JSON context exposes.</summary>
    public sealed record ContextTypeModel(string Property, string Type, string Converter);

    public sealed record TypeModel(
        string Kind,
        string Name,
        string ConverterName,
        EquatableArray<string> DocLines,
        bool Deprecated,
        string? BaseType,
        bool IsAbstract,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<PropertyModel> AllProperties,
        PropertyModel? AdditionalProperties,
        EquatableArray<EnumMemberModel> Members,
        EquatableArray<VariantModel> Variants,
        string? DiscriminatorWire,
        EquatableArray<SubtypeModel> Subtypes,
        EquatableArray<ConverterFieldModel> ConverterFields)
    {
        /// <summary>Statements of a union converter's Read method, decided by the binder.</summary>
        public EquatableArray<string> ReadLines { get; init; } = EquatableArray<string>.Empty;

        /// <summary>Whether <see cref="AdditionalProperties"/> is declared by the base class (the converter still fills it).</summary>
        public bool AdditionalPropertiesInherited { get; init; }
    }

    public static class TypeModelKinds
    {
        public const string Class = "class";
        public const string StringEnum = "string_enum";
        public const string IntegerEnum = "integer_enum";
        public const string Union = "union";
    }

    public sealed record PropertyModel(
        TypeRef Type,
        string Name,
        string WireLiteral,
        string WireUtf8,
        string WireName,
        string DeclaredType,
        string Local,
        bool Required,
        bool CSharpRequired,
        bool CheckPresence,
        EquatableArray<string> DocLines,
        bool Deprecated,
        string ReadExpr,
        string WriteStmt,
        bool SkipWhenNull,
        string NullCheck,
        string? DefaultExpr);

    /// <summary>A static converter a type's converter composes (lists, maps, other models).</summary>
    public sealed record ConverterFieldModel(string Name, string Type, string Init);

    public sealed record EnumMemberModel(string Name, string WireLiteral, string ValueLiteral, EquatableArray<string> DocLines);

    public sealed record VariantModel(
        string Name,
        string DeclaredType,
        string TypeName,
        string Converter,
        string ReadExpr,
        string Token,
        EquatableArray<string> DiscriminatorValues,
        EquatableArray<string> RequiredWire,
        EquatableArray<string> KnownWire,
        bool IsValueType);

    public sealed record SubtypeModel(string TypeName, string Converter, EquatableArray<string> DiscriminatorLiterals);

    public sealed record GroupModel(string PropertyName, string ClassName, EquatableArray<string> DocLines, EquatableArray<OperationModel> Operations);

    public sealed record OperationModel(
        string MethodName,
        string OperationId,
        string HttpMethod,
        string Path,
        EquatableArray<string> DocLines,
        bool Deprecated,
        string? DeprecationMessage,
        EquatableArray<ParameterModel> Parameters,
        EquatableArray<string> Signature,
        EquatableArray<string> ArgumentNames,
        EquatableArray<string> BuildStatements,
        string ReturnType,
        string ResultType,
        bool HasResult,
        string PlanType,
        EquatableArray<string> Plan,
        string? Accept);

    public sealed record ParameterModel(string Name, string WireName, string Location, string DeclaredType, EquatableArray<string> DocLines);

}

namespace Portico.CodeGeneration.Model
{
    /// <summary>A security scheme as C# expressions for <c>Portico.Auth.SecuritySchemeInfo</c>.</summary>
    public sealed record SecuritySchemeModel(string NameLiteral, string KindExpr, string ParameterLiteral, string LocationExpr, string TokenUrlLiteral, EquatableArray<string> DocLines);
}

namespace Portico.CodeGeneration.Model
{
    /// <summary>
    /// The validator class of a client: the schema and operation tables (each a C# raw UTF-8 literal of JSON lines, read by
    /// <c>Portico.Validation.ValidationTables</c>), named schema validators and operation validators.
    /// </summary>
    public sealed record ValidationModel(string ClassName, string SchemaTable, EquatableArray<ValidationMemberModel> Schemas, string OperationTable, EquatableArray<ValidationMemberModel> Operations);

    /// <summary>A public member of the validator class: a component schema's validator or an operation's.</summary>
    public sealed record ValidationMemberModel(string Name, string DocLine, string Expression);
}
