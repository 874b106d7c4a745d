using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.CodeGeneration.Gateway
{
    /// <summary>
    /// One value of an API Gateway extension as written, with its JSON pointer. CloudFormation intrinsics
    /// (<c>{"Fn::Sub": ...}</c>, <c>{"Ref": ...}</c>, <c>{"Fn::GetAtt": ...}</c>, <c>{"Fn::If": ...}</c>...) stand where strings
    /// are expected in real files: they are accepted and marked <see cref="Unresolved"/>, so checks that need the value
    /// skip them. Numbers and booleans written as strings (and strings written as numbers) are accepted.
    /// </summary>
    public sealed class GatewayValue
    {
        private GatewayValue(string pointer, JsonNode? node)
        {
            Pointer = pointer;
            Node = node;
            switch (node)
            {
                case null:
                    Kind = GatewayValueKind.Null;
                    break;
                case JsonObject o:
                    Kind = GatewayValueKind.Object;
                    Unresolved = IsIntrinsic(o);
                    break;
                case JsonArray:
                    Kind = GatewayValueKind.Array;
                    break;
                case JsonValue v:
                    var element = v.GetValue<object>();
                    if (v.TryGetValue(out string? s)) { Kind = GatewayValueKind.String; Text = s; }
                    else if (v.TryGetValue(out bool b)) { Kind = GatewayValueKind.Boolean; Text = b ? "true" : "false"; }
                    else { Kind = GatewayValueKind.Number; Text = NumberText(v, element); }
                    break;
            }
        }

        /// <summary>Where the value is: a JSON pointer into the document.</summary>
        public string Pointer { get; }

        public JsonNode? Node { get; }

        public GatewayValueKind Kind { get; }

        /// <summary>A scalar's text (numbers and booleans in invariant form); null for objects, arrays and null.</summary>
        public string? Text { get; }

        /// <summary>A CloudFormation intrinsic: resolved before API Gateway sees the document, so its value is unknown here.</summary>
        public bool Unresolved { get; }

        /// <summary>A scalar, or an intrinsic standing for one.</summary>
        public bool IsStringLike => Text is not null || Unresolved;

        /// <summary>True when the text also holds CloudFormation <c>${...}</c> substitutions other than stage variables.</summary>
        public bool HasPlaceholders => Text is not null && Text.IndexOf("${", StringComparison.Ordinal) >= 0;

        public static GatewayValue? Of(JsonObject? parent, string key, string parentPointer)
        {
            if (parent is null || !parent.TryGetPropertyValue(key, out var node)) return null;
            return new GatewayValue(parentPointer + "/" + Reading.SourceLocator.Escape(key), node);
        }

        public static GatewayValue At(string pointer, JsonNode? node) => new GatewayValue(pointer, node);

        /// <summary>An integer written as a number or a numeric string.</summary>
        public long? Integer
        {
            get
            {
                if (Text is null || Kind == GatewayValueKind.Boolean) return null;
                if (long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
                if (decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue) return (long)d;
                return null;
            }
        }

        /// <summary>A boolean written as a boolean or as "true"/"false".</summary>
        public bool? Boolean
        {
            get
            {
                if (Text is null || Kind == GatewayValueKind.Number) return null;
                if (string.Equals(Text, "true", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(Text, "false", StringComparison.OrdinalIgnoreCase)) return false;
                return null;
            }
        }

        public JsonObject? Object => Node as JsonObject;

        public JsonArray? Array => Node as JsonArray;

        /// <summary>The items of an array value (a single scalar counts as a one-item list).</summary>
        public IReadOnlyList<GatewayValue> Items()
        {
            var list = new List<GatewayValue>();
            if (Node is JsonArray a)
            {
                for (int i = 0; i < a.Count; i++) list.Add(new GatewayValue(Pointer + "/" + i.ToString(CultureInfo.InvariantCulture), a[i]));
            }
            else if (IsStringLike)
            {
                list.Add(this);
            }
            return list;
        }

        /// <summary>The members of an object value, in document order.</summary>
        public IReadOnlyList<KeyValuePair<string, GatewayValue>> Members()
        {
            var list = new List<KeyValuePair<string, GatewayValue>>();
            if (Node is JsonObject o && !Unresolved)
            {
                foreach (var pair in o) list.Add(new KeyValuePair<string, GatewayValue>(pair.Key, new GatewayValue(Pointer + "/" + Reading.SourceLocator.Escape(pair.Key), pair.Value)));
            }
            return list;
        }

        public GatewayValue? this[string key] => Node is JsonObject o && !Unresolved ? Of(o, key, Pointer) : null;

        private static bool IsIntrinsic(JsonObject o)
        {
            if (o.Count != 1) return false;
            foreach (var pair in o)
            {
                return pair.Key == "Ref" || pair.Key == "Condition" || pair.Key.StartsWith("Fn::", StringComparison.Ordinal) || pair.Key.StartsWith("!", StringComparison.Ordinal);
            }
            return false;
        }

        private static string NumberText(JsonValue v, object element)
        {
            if (element is JsonElement je) return je.GetRawText();
            if (v.TryGetValue(out long l)) return l.ToString(CultureInfo.InvariantCulture);
            if (v.TryGetValue(out decimal d)) return d.ToString(CultureInfo.InvariantCulture);
            if (v.TryGetValue(out double f)) return f.ToString("R", CultureInfo.InvariantCulture);
            return element.ToString() ?? string.Empty;
        }

        public override string ToString() => Text ?? (Unresolved ? "(CloudFormation intrinsic)" : Kind.ToString());
    }

    public enum GatewayValueKind
    {
        Null,
        String,
        Number,
        Boolean,
        Object,
        Array,
    }
}
