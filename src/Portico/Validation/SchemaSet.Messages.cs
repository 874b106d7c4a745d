using System.Globalization;

namespace Portico.Validation
{
    /// <summary>
    /// The words of every error, and the checks that both validators (of a <see cref="System.Text.Json.JsonElement"/> and of
    /// UTF-8 text) report the same way, so the two agree on keyword and message as well as on the verdict.
    /// </summary>
    public sealed partial class SchemaSet
    {
        private const string NotError = "The value matches the schema of 'not'.";
        private const string AdditionalError = "The property is not allowed (additionalProperties is false).";

        /// <summary>The kinds of value a type error names, numbered by <c>Kind</c> and <c>TokenKind</c>.</summary>
        private static readonly string[] s_found = { "null", "boolean", "integer", "number", "string", "array", "object", "nothing" };

        // The type errors, spelled once per allowed type set (seven flags) and kind found; a race spells an equal string twice.
        private static readonly string?[] s_typeErrors = new string?[128 * 8];

        private static string TypeError(SchemaNode n, int found)
        {
            int t = (int)n.Type;
            if (t is < 0 or >= 128) return "Expected " + TypeNames(n.Type) + " but found " + s_found[found] + ".";
            return s_typeErrors[t * 8 + found] ??= "Expected " + TypeNames(n.Type) + " but found " + s_found[found] + ".";
        }

        private static string EnumError(SchemaNode n) => n.EnumMessage ??= "The value is not one of the allowed values (" + List(n.EnumStrings!) + ").";

        private static string EnumJsonError(SchemaNode n) => "The value is not one of the allowed values " + n.EnumJson + ".";

        private static string ConstError(SchemaNode n) => "The value must be " + n.ConstJson + ".";

        private static string DiscriminatorMissing(SchemaNode n) => "The discriminator property '" + n.DiscriminatorProperty + "' is missing or not a string.";

        private static string DiscriminatorUnknown(SchemaNode n)
            => "The discriminator '" + n.DiscriminatorProperty + "' has a value that selects no schema (expected one of " + List(n.DiscriminatorCases!) + ").";

        private static string AnyOfError(int branches) => "The value matches none of the " + branches.ToString(CultureInfo.InvariantCulture) + " schemas of anyOf.";

        private static string OneOfError(int matches, int branches) => matches == 0
            ? "The value matches none of the " + branches.ToString(CultureInfo.InvariantCulture) + " schemas of oneOf."
            : "The value matches more than one schema of oneOf.";

        private static string UniqueError(int first, int second)
            => "Items " + first.ToString(CultureInfo.InvariantCulture) + " and " + second.ToString(CultureInfo.InvariantCulture) + " are equal; items must be unique.";

        private static string RequiredError(SchemaNode n, int i) => "The required property '" + n.Required![i] + "' is missing.";

        /// <summary><c>readOnly</c> in a request, <c>writeOnly</c> in a response: reports it and answers false.</summary>
        private static bool DirectionAllows(SchemaNode n, ValidationDirection direction, ValidationCollector c)
        {
            if (n.ReadOnly && direction == ValidationDirection.Request)
            {
                c.Report("readOnly", "The value is read-only and must not be sent in a request.");
                return false;
            }
            if (n.WriteOnly && direction == ValidationDirection.Response)
            {
                c.Report("writeOnly", "The value is write-only and must not appear in a response.");
                return false;
            }
            return true;
        }

        /// <summary><c>minLength</c> and <c>maxLength</c>, on a count of code points.</summary>
        private static bool LengthAllowed(SchemaNode n, int length, ValidationCollector c)
            => CountAllowed(length, n.MinLength, n.MaxLength, "minLength", "maxLength", "The string has ", " characters", c);

        /// <summary><c>minItems</c> and <c>maxItems</c>.</summary>
        private static bool ItemCountAllowed(SchemaNode n, int count, ValidationCollector c)
            => CountAllowed(count, n.MinItems, n.MaxItems, "minItems", "maxItems", "The array has ", " items", c);

        /// <summary><c>minProperties</c> and <c>maxProperties</c>.</summary>
        private static bool PropertyCountAllowed(SchemaNode n, int count, ValidationCollector c)
            => CountAllowed(count, n.MinProperties, n.MaxProperties, "minProperties", "maxProperties", "The object has ", " properties", c);

        /// <summary>A count against its lower and upper bound (-1: none), each failure reported with its keyword.</summary>
        private static bool CountAllowed(int count, int min, int max, string minKeyword, string maxKeyword, string subject, string unit, ValidationCollector c)
        {
            bool ok = true;
            if (min >= 0 && count < min)
            {
                ok = false;
                if (c.Report(minKeyword, subject + count.ToString(CultureInfo.InvariantCulture) + unit + "; at least " + min.ToString(CultureInfo.InvariantCulture) + " are required.")) return false;
            }
            if (max >= 0 && count > max)
            {
                ok = false;
                c.Report(maxKeyword, subject + count.ToString(CultureInfo.InvariantCulture) + unit + "; at most " + max.ToString(CultureInfo.InvariantCulture) + " are allowed.");
            }
            return ok;
        }
    }
}
