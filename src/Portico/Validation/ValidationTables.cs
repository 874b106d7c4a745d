using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Portico.Validation
{
    /// <summary>
    /// Reads the validator tables that generated code carries as UTF-8 JSON (one line per schema or operation), so a large
    /// API costs the compiler a data literal instead of thousands of object initializers, and costs the program one pass
    /// of <see cref="Utf8JsonReader"/> at first use.
    /// </summary>
    /// <remarks>
    /// <para>Schemas: a JSON array whose element <c>i</c> is schema <c>i</c>, an object with the JSON Schema keywords the
    /// interpreter knows, spelled as in JSON Schema and referring to other schemas by index:
    /// <c>{"#":3,"name":"pet","type":"object","required":["id"],"properties":{"id":4,"tag":5},"additionalProperties":false}</c>.
    /// <c>"#"</c> repeats the index (checked), <c>type</c> is a name or an array of names, <c>enum</c> and <c>const</c> hold
    /// JSON values, <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> are a boolean (OpenAPI 3.0) or a number (3.1),
    /// <c>discriminator</c> is <c>{"propertyName":"kind","mapping":{"cat":7}}</c>, <c>nullable</c>, <c>readOnly</c>,
    /// <c>writeOnly</c> and <c>format</c> are as in OpenAPI. An empty object allows everything.</para>
    /// <para>Operations: a JSON array of <c>{"method","path","operationId","parameters":[{"name","in","required","schema"}],
    /// "requestBodies":[{"mediaType","schema"}],"bodyRequired","responses":[{"status","mediaType","schema"}],
    /// "gatewayValidator":{"name","validateRequestBody","validateRequestParameters"}}</c>, schemas again by index.</para>
    /// An unknown member is an error (<see cref="FormatException"/>): tables and interpreter ship in one package, so a
    /// member this version cannot read would be a rule silently dropped.
    /// </remarks>
    public static class ValidationTables
    {
        /// <summary>Reads the schema table.</summary>
        /// <exception cref="FormatException">The table is not in the format above.</exception>
        public static SchemaNode[] ReadSchemas(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            try
            {
                var nodes = new List<SchemaNode>();
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    Require(ref reader, JsonTokenType.StartObject);
                    nodes.Add(ReadNode(ref reader, utf8Json, nodes.Count));
                }
                return nodes.ToArray();
            }
            catch (JsonException ex)
            {
                throw new FormatException("The schema table is not valid JSON: " + ex.Message, ex);
            }
        }

        /// <summary>Reads the operation table, whose schema indexes refer to <paramref name="schemas"/>.</summary>
        /// <exception cref="FormatException">The table is not in the format above, or refers to a schema the set does not have.</exception>
        public static OperationValidator[] ReadOperations(SchemaSet schemas, ReadOnlySpan<byte> utf8Json)
        {
            if (schemas is null) throw new ArgumentNullException(nameof(schemas));
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            try
            {
                var operations = new List<OperationValidator>();
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    Require(ref reader, JsonTokenType.StartObject);
                    operations.Add(ReadOperation(ref reader, schemas));
                }
                return operations.ToArray();
            }
            catch (JsonException ex)
            {
                throw new FormatException("The operation table is not valid JSON: " + ex.Message, ex);
            }
        }

        private static SchemaNode ReadNode(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, int index)
        {
            var n = new SchemaNode();
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                Next(ref reader);
                switch (key)
                {
                    case "#":
                        if (Int(ref reader) != index) throw Bad("schema " + index.ToString(CultureInfo.InvariantCulture) + " is numbered " + reader.GetInt32().ToString(CultureInfo.InvariantCulture));
                        break;
                    case "name": n.Name = Str(ref reader); break;
                    case "type": n.Type = Types(ref reader); break;
                    case "nullable": n.Nullable = Bool(ref reader); break;
                    case "enum": ReadEnum(ref reader, source, n); break;
                    case "const": n.ConstJson = Raw(ref reader, source); break;
                    case "required": n.Required = Strings(ref reader); break;
                    case "properties": n.Properties = IndexMap(ref reader, (name, schema) => new SchemaProperty(name, schema)); break;
                    case "additionalProperties":
                        n.AdditionalProperties = reader.TokenType switch
                        {
                            JsonTokenType.False => SchemaSet.NoValue,
                            JsonTokenType.True => SchemaSet.AnyValue,
                            _ => Int(ref reader),
                        };
                        break;
                    case "pattern": n.Pattern = Str(ref reader); break;
                    case "minLength": n.MinLength = Int(ref reader); break;
                    case "maxLength": n.MaxLength = Int(ref reader); break;
                    case "minimum": n.Minimum = Num(ref reader); break;
                    case "maximum": n.Maximum = Num(ref reader); break;
                    case "exclusiveMinimum":
                        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) n.MinimumExclusive = Bool(ref reader);
                        else n.ExclusiveMinimum = Num(ref reader);
                        break;
                    case "exclusiveMaximum":
                        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) n.MaximumExclusive = Bool(ref reader);
                        else n.ExclusiveMaximum = Num(ref reader);
                        break;
                    case "multipleOf": n.MultipleOf = Num(ref reader); break;
                    case "items": n.Items = Int(ref reader); break;
                    case "minItems": n.MinItems = Int(ref reader); break;
                    case "maxItems": n.MaxItems = Int(ref reader); break;
                    case "uniqueItems": n.UniqueItems = Bool(ref reader); break;
                    case "minProperties": n.MinProperties = Int(ref reader); break;
                    case "maxProperties": n.MaxProperties = Int(ref reader); break;
                    case "allOf": n.AllOf = Ints(ref reader); break;
                    case "anyOf": n.AnyOf = Ints(ref reader); break;
                    case "oneOf": n.OneOf = Ints(ref reader); break;
                    case "not": n.Not = Int(ref reader); break;
                    case "discriminator": ReadDiscriminator(ref reader, n); break;
                    case "readOnly": n.ReadOnly = Bool(ref reader); break;
                    case "writeOnly": n.WriteOnly = Bool(ref reader); break;
                    case "format": n.Format = Str(ref reader); break;
                    default: throw Bad("schema " + index.ToString(CultureInfo.InvariantCulture) + " has the unknown member '" + key + "'");
                }
            }
            return n;
        }

        private static void ReadEnum(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, SchemaNode n)
        {
            Require(ref reader, JsonTokenType.StartArray);
            var start = reader;
            var strings = new List<string>();
            bool allStrings = true;
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String) strings.Add(reader.GetString()!);
                else
                {
                    allStrings = false;
                    reader.Skip();
                }
            }
            if (allStrings)
            {
                n.EnumStrings = strings.ToArray();
            }
            else
            {
                reader = start;
                n.EnumJson = Raw(ref reader, source);
            }
        }

        private static void ReadDiscriminator(ref Utf8JsonReader reader, SchemaNode n)
        {
            Require(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                Next(ref reader);
                if (key == "propertyName")
                {
                    n.DiscriminatorProperty = Str(ref reader);
                }
                else if (key == "mapping")
                {
                    n.DiscriminatorCases = IndexMap(ref reader, (value, schema) => new DiscriminatorCase(value, schema));
                }
                else
                {
                    throw Bad("a discriminator has the unknown member '" + key + "'");
                }
            }
        }

        private static OperationValidator ReadOperation(ref Utf8JsonReader reader, SchemaSet schemas)
        {
            string method = string.Empty, path = string.Empty, operationId = string.Empty;
            var parameters = Array.Empty<ParameterValidator>();
            var bodies = Array.Empty<BodyValidator>();
            var responses = Array.Empty<ResponseBodyValidator>();
            bool bodyRequired = false;
            GatewayRequestValidator? gateway = null;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                Next(ref reader);
                switch (key)
                {
                    case "method": method = Str(ref reader); break;
                    case "path": path = Str(ref reader); break;
                    case "operationId": operationId = Str(ref reader); break;
                    case "bodyRequired": bodyRequired = Bool(ref reader); break;
                    case "parameters":
                        parameters = Entries(ref reader, schemas, m => new ParameterValidator(m.Name ?? string.Empty, m.In ?? string.Empty, m.Required, m.Schema));
                        break;
                    case "requestBodies":
                        bodies = Entries(ref reader, schemas, m => new BodyValidator(m.MediaType ?? string.Empty, m.Schema ?? throw Bad("a request body has no schema")));
                        break;
                    case "responses":
                        responses = Entries(ref reader, schemas, m => new ResponseBodyValidator(m.Status ?? string.Empty, m.MediaType ?? string.Empty, m.Schema ?? throw Bad("a response has no schema")));
                        break;
                    case "gatewayValidator":
                    {
                        var m = Members(ref reader, schemas);
                        gateway = new GatewayRequestValidator(m.Name ?? string.Empty, m.ValidateRequestBody, m.ValidateRequestParameters);
                        break;
                    }
                    default: throw Bad("operation '" + operationId + "' has the unknown member '" + key + "'");
                }
            }
            return new OperationValidator(method, path, operationId, parameters, bodies, bodyRequired, responses, gateway);
        }

        private struct Fields
        {
            public string? Name, In, MediaType, Status;
            public bool Required, ValidateRequestBody, ValidateRequestParameters;
            public SchemaValidator? Schema;
        }

        /// <summary>An array of parameter, body or response objects, each made into an entry.</summary>
        private static T[] Entries<T>(ref Utf8JsonReader reader, SchemaSet schemas, Func<Fields, T> make)
        {
            Require(ref reader, JsonTokenType.StartArray);
            var list = new List<T>();
            while (Next(ref reader) != JsonTokenType.EndArray) list.Add(make(Members(ref reader, schemas)));
            return list.ToArray();
        }

        /// <summary>The members of a parameter, body, response or gateway validator object.</summary>
        private static Fields Members(ref Utf8JsonReader reader, SchemaSet schemas)
        {
            Require(ref reader, JsonTokenType.StartObject);
            var f = default(Fields);
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                Next(ref reader);
                switch (key)
                {
                    case "name": f.Name = Str(ref reader); break;
                    case "in": f.In = Str(ref reader); break;
                    case "mediaType": f.MediaType = Str(ref reader); break;
                    case "status": f.Status = Str(ref reader); break;
                    case "required": f.Required = Bool(ref reader); break;
                    case "validateRequestBody": f.ValidateRequestBody = Bool(ref reader); break;
                    case "validateRequestParameters": f.ValidateRequestParameters = Bool(ref reader); break;
                    case "schema":
                        int index = Int(ref reader);
                        if ((uint)index >= (uint)schemas.Count) throw Bad("schema " + index.ToString(CultureInfo.InvariantCulture) + " is out of range");
                        f.Schema = schemas[index];
                        break;
                    default: throw Bad("an operation entry has the unknown member '" + key + "'");
                }
            }
            return f;
        }

        private static JsonTokenType Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw Bad("the table ends early");
            return reader.TokenType;
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
        {
            Next(ref reader);
            Require(ref reader, type);
        }

        private static void Require(ref Utf8JsonReader reader, JsonTokenType type)
        {
            if (reader.TokenType != type) throw Bad("expected " + type + " but found " + reader.TokenType + " at byte " + reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture));
        }

        private static string Str(ref Utf8JsonReader reader)
        {
            Require(ref reader, JsonTokenType.String);
            return reader.GetString()!;
        }

        private static int Int(ref Utf8JsonReader reader)
        {
            Require(ref reader, JsonTokenType.Number);
            return reader.GetInt32();
        }

        private static double Num(ref Utf8JsonReader reader)
        {
            Require(ref reader, JsonTokenType.Number);
            return reader.GetDouble();
        }

        private static bool Bool(ref Utf8JsonReader reader)
        {
            if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) Require(ref reader, JsonTokenType.True);
            return reader.TokenType == JsonTokenType.True;
        }

        private static string[] Strings(ref Utf8JsonReader reader)
        {
            Require(ref reader, JsonTokenType.StartArray);
            var list = new List<string>();
            while (Next(ref reader) != JsonTokenType.EndArray) list.Add(Str(ref reader));
            return list.ToArray();
        }

        /// <summary>An object of names to schema indexes (<c>properties</c>, a discriminator's <c>mapping</c>), in its order.</summary>
        private static T[] IndexMap<T>(ref Utf8JsonReader reader, Func<string, int, T> make)
        {
            Require(ref reader, JsonTokenType.StartObject);
            var list = new List<T>();
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                Next(ref reader);
                list.Add(make(name, Int(ref reader)));
            }
            return list.ToArray();
        }

                private static int[] Ints(ref Utf8JsonReader reader)
        {
            Require(ref reader, JsonTokenType.StartArray);
            var list = new List<int>();
            while (Next(ref reader) != JsonTokenType.EndArray) list.Add(Int(ref reader));
            return list.ToArray();
        }

        private static JsonTypes Types(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String) return TypeOf(reader.GetString()!);
            Require(ref reader, JsonTokenType.StartArray);
            JsonTypes types = JsonTypes.Any;
            while (Next(ref reader) != JsonTokenType.EndArray) types |= TypeOf(Str(ref reader));
            return types;
        }

        private static JsonTypes TypeOf(string name) => name switch
        {
            "null" => JsonTypes.Null,
            "boolean" => JsonTypes.Boolean,
            "integer" => JsonTypes.Integer,
            "number" => JsonTypes.Number,
            "string" => JsonTypes.String,
            "array" => JsonTypes.Array,
            "object" => JsonTypes.Object,
            _ => throw Bad("unknown type '" + name + "'"),
        };

        /// <summary>The JSON text of the value at the reader, which is left on the value's last token.</summary>
        private static string Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
        {
            int start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            int end = checked((int)reader.BytesConsumed);
            return Encoding.UTF8.GetString(source.Slice(start, end - start).ToArray());
        }

        private static FormatException Bad(string message) => new FormatException("Invalid validator table: " + message + ".");
    }
}
