using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Portico.CodeGeneration.Emit
{
    /// <summary>
    /// Safe C# text from untrusted document text: identifiers, string literals and XML doc lines.
    /// Nothing from a document reaches the output except through these functions.
    /// </summary>
    public static class CSharp
    {
        private static readonly HashSet<string> s_keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
            "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
            "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
            "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
            "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
            "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        };

        // Contextual keywords that break code when used as a type or member name in some positions.
        private static readonly HashSet<string> s_reservedTypeNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "var", "dynamic", "record", "required", "scoped", "file", "value", "nameof", "async", "await", "global", "partial", "field", "System", "Portico",
        };

        public static bool IsKeyword(string name) => s_keywords.Contains(name);

        /// <summary>An identifier usable in any position: keywords get <c>@</c>.</summary>
        public static string Escape(string identifier) => s_keywords.Contains(identifier) ? "@" + identifier : identifier;

        /// <summary>Whether a name may be used for a generated type.</summary>
        public static bool IsReservedTypeName(string name) => s_reservedTypeNames.Contains(name) || s_keywords.Contains(name.ToLowerInvariant()) && name.ToLowerInvariant() == name;

        /// <summary>Splits text into words on anything that is not a letter or digit and on case changes.</summary>
        public static List<string> Words(string text)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsLetterOrDigit(c) && c < 0x250)
                {
                    if (current.Length > 0)
                    {
                        char prev = current[current.Length - 1];
                        bool boundary = (char.IsLower(prev) && char.IsUpper(c))
                            || (char.IsDigit(prev) != char.IsDigit(c) && !char.IsDigit(c) && false)
                            || (char.IsUpper(prev) && char.IsUpper(c) && i + 1 < text.Length && char.IsLower(text[i + 1]) && current.Length > 1);
                        if (boundary)
                        {
                            words.Add(current.ToString());
                            current.Clear();
                        }
                    }
                    current.Append(c);
                }
                else if (char.IsLetterOrDigit(c))
                {
                    // Letters outside Latin are kept as they are (C# allows them), with their own word.
                    current.Append(c);
                }
                else
                {
                    if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
                    if (c == '+' ) words.Add("Plus");
                    else if (c == '-' && i == 0) words.Add("Minus");
                }
            }
            if (current.Length > 0) words.Add(current.ToString());
            return words;
        }

        /// <summary>PascalCase identifier (never empty, never starting with a digit, never a keyword).</summary>
        public static string Pascal(string text, string fallback = "Value")
        {
            var sb = new StringBuilder();
            foreach (var w in Words(text))
            {
                sb.Append(char.ToUpperInvariant(w[0]));
                if (w.Length > 1)
                {
                    // Keep inner capitals (PetId), but lower an all-caps word longer than two letters (HTTP -> Http).
                    bool allUpper = true;
                    for (int i = 1; i < w.Length; i++) if (char.IsLower(w[i])) { allUpper = false; break; }
                    sb.Append(allUpper && w.Length > 2 ? w.Substring(1).ToLowerInvariant() : w.Substring(1));
                }
            }
            if (sb.Length == 0) return fallback;
            if (char.IsDigit(sb[0])) sb.Insert(0, '_');
            return sb.ToString();
        }

        /// <summary>camelCase identifier, escaped when it is a keyword.</summary>
        public static string Camel(string text, string fallback = "value")
        {
            string p = Pascal(text, Pascal(fallback));
            if (p[0] == '_') return Escape(p);
            int upper = 0;
            while (upper < p.Length && char.IsUpper(p[upper])) upper++;
            string camel = upper <= 1 ? char.ToLowerInvariant(p[0]) + p.Substring(1)
                : upper == p.Length ? p.ToLowerInvariant()
                : p.Substring(0, upper - 1).ToLowerInvariant() + p.Substring(upper - 1);
            return Escape(camel);
        }

        /// <summary>A regular C# string literal (quoted), safe for any input.</summary>
        public static string Literal(string? value)
        {
            if (value is null) return "null";
            var sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\0': sb.Append("\\0"); break;
                    default:
                        if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c) || c == 0x7f)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
            sb.Append('"');
            return sb.ToString();
        }

        /// <summary>A UTF-8 literal (<c>"x"u8</c>) when the text is well-formed, else a plain literal.</summary>
        public static string Utf8Literal(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                if (char.IsSurrogate(value[i])) return Literal(value);
            }
            return Literal(value) + "u8";
        }

        /// <summary>Text for an XML doc comment: escaped, one entry per line, no line terminators of any kind.</summary>
        public static List<string> DocLines(string? text)
        {
            var lines = new List<string>();
            if (string.IsNullOrWhiteSpace(text)) return lines;
            var sb = new StringBuilder();
            foreach (char c in text!)
            {
                switch (c)
                {
                    case '\r': break;
                    case '\n':
                    case '\u0085':
                    case '\u2028':
                    case '\u2029':
                        lines.Add(sb.ToString().TrimEnd());
                        sb.Clear();
                        break;
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    default:
                        if (char.IsControl(c) && c != '\t') break;
                        if (char.IsSurrogate(c)) { sb.Append(c); break; }
                        sb.Append(c);
                        break;
                }
            }
            lines.Add(sb.ToString().TrimEnd());
            // Drop leading/trailing blank lines, fold runs of blank lines.
            while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
            for (int i = lines.Count - 1; i > 0; i--)
            {
                if (lines[i].Length == 0 && lines[i - 1].Length == 0) lines.RemoveAt(i);
            }
            // Lone surrogates would make the file invalid UTF-8; replace them.
            for (int i = 0; i < lines.Count; i++) lines[i] = FixSurrogates(lines[i]);
            return lines;
        }

        /// <summary>Text for an XML attribute value inside a doc comment.</summary>
        public static string DocAttribute(string text) => FixSurrogates(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("\r", " ").Replace("\n", " ").Replace("\u2028", " ").Replace("\u2029", " ").Replace("\u0085", " "));

        private static string FixSurrogates(string s)
        {
            StringBuilder? sb = null;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool ok = !char.IsSurrogate(c) || (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]));
                if (char.IsHighSurrogate(c) && ok)
                {
                    sb?.Append(c).Append(s[i + 1]);
                    i++;
                    continue;
                }
                if (!ok)
                {
                    sb ??= new StringBuilder(s.Substring(0, i));
                    sb.Append('\uFFFD');
                    continue;
                }
                sb?.Append(c);
            }
            return sb?.ToString() ?? s;
        }

        /// <summary>Whether text is a valid dotted C# namespace.</summary>
        public static bool IsValidNamespace(string ns)
        {
            if (string.IsNullOrEmpty(ns)) return false;
            foreach (var part in ns.Split('.'))
            {
                if (part.Length == 0 || IsKeyword(part) || !(char.IsLetter(part[0]) || part[0] == '_')) return false;
                foreach (char c in part) if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
            }
            return true;
        }

        /// <summary>Makes any text a valid dotted namespace.</summary>
        public static string ToNamespace(string text)
        {
            var parts = new List<string>();
            foreach (var part in text.Split('.'))
            {
                string p = Pascal(part, string.Empty);
                if (p.Length > 0) parts.Add(p);
            }
            return parts.Count == 0 ? "Api" : string.Join(".", parts);
        }
    }
}
