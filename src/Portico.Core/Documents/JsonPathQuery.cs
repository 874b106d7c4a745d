using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>A node a JSONPath selected, with where it sits (for removal) and its JSON pointer.</summary>
    public sealed class JsonPathMatch
    {
        internal JsonPathMatch(JsonNode? node, JsonNode? parent, string? key, int index, string pointer)
        {
            Node = node;
            Parent = parent;
            Key = key;
            Index = index;
            Pointer = pointer;
        }

        public JsonNode? Node { get; }
        public JsonNode? Parent { get; }
        public string? Key { get; }
        public int Index { get; }
        public string Pointer { get; }
    }

    /// <summary>
    /// The subset of RFC 9535 JSONPath that overlays use: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[*]</c>, <c>.*</c>,
    /// <c>..</c> (descendants), <c>[n]</c> (negative counts from the end), unions <c>['a','b']</c> / <c>[0,1]</c>, and
    /// filters <c>[?@.x == 'v']</c> with <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, existence
    /// tests, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses. No NuGet JSONPath library is available to the build,
    /// so this is Portico's own; it throws <see cref="FormatException"/> for anything else.
    /// </summary>
    public sealed class JsonPathQuery
    {
        private readonly List<Segment> _segments;

        private JsonPathQuery(List<Segment> segments) => _segments = segments;

        public static JsonPathQuery Parse(string path)
        {
            var p = new Parser(path);
            p.Skip();
            if (!p.Eat('$')) throw new FormatException("a JSONPath starts with '$'");
            var segments = p.Segments(allowEnd: true);
            p.Skip();
            if (!p.AtEnd) throw new FormatException("unexpected '" + p.Rest + "'");
            return new JsonPathQuery(segments);
        }

        /// <summary>The nodes selected, in document order, without duplicates.</summary>
        public List<JsonPathMatch> Select(JsonNode? root)
        {
            var current = new List<JsonPathMatch> { new JsonPathMatch(root, null, null, -1, string.Empty) };
            foreach (var s in _segments)
            {
                var next = new List<JsonPathMatch>();
                foreach (var m in current)
                {
                    if (s.Descendants)
                    {
                        foreach (var d in SelfAndDescendants(m)) s.Apply(d, next);
                    }
                    else
                    {
                        s.Apply(m, next);
                    }
                }
                var seen = new HashSet<string>(StringComparer.Ordinal);
                current = new List<JsonPathMatch>();
                foreach (var m in next)
                {
                    if (seen.Add(m.Pointer)) current.Add(m);
                }
            }
            return current;
        }

        private static IEnumerable<JsonPathMatch> SelfAndDescendants(JsonPathMatch m)
        {
            var stack = new Stack<JsonPathMatch>();
            stack.Push(m);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                yield return x;
                var children = Children(x);
                for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
            }
        }

        internal static List<JsonPathMatch> Children(JsonPathMatch m)
        {
            var list = new List<JsonPathMatch>();
            if (m.Node is JsonObject o)
            {
                foreach (var p in o) list.Add(new JsonPathMatch(p.Value, o, p.Key, -1, JsonTree.Child(m.Pointer, p.Key)));
            }
            else if (m.Node is JsonArray a)
            {
                for (int i = 0; i < a.Count; i++) list.Add(new JsonPathMatch(a[i], a, null, i, JsonTree.Child(m.Pointer, i)));
            }
            return list;
        }

        private sealed class Segment
        {
            public bool Descendants;
            public List<Selector> Selectors = new List<Selector>();

            public void Apply(JsonPathMatch m, List<JsonPathMatch> output)
            {
                foreach (var sel in Selectors) sel.Apply(m, output);
            }
        }

        private abstract class Selector
        {
            public abstract void Apply(JsonPathMatch m, List<JsonPathMatch> output);
        }

        private sealed class NameSelector : Selector
        {
            public readonly string Name;
            public NameSelector(string name) => Name = name;

            public override void Apply(JsonPathMatch m, List<JsonPathMatch> output)
            {
                if (m.Node is JsonObject o && o.TryGetPropertyValue(Name, out var v)) output.Add(new JsonPathMatch(v, o, Name, -1, JsonTree.Child(m.Pointer, Name)));
            }
        }

        private sealed class IndexSelector : Selector
        {
            public readonly int Index;
            public IndexSelector(int index) => Index = index;

            public override void Apply(JsonPathMatch m, List<JsonPathMatch> output)
            {
                if (m.Node is not JsonArray a) return;
                int i = Index < 0 ? a.Count + Index : Index;
                if (i >= 0 && i < a.Count) output.Add(new JsonPathMatch(a[i], a, null, i, JsonTree.Child(m.Pointer, i)));
            }
        }

        private sealed class WildcardSelector : Selector
        {
            public override void Apply(JsonPathMatch m, List<JsonPathMatch> output) => output.AddRange(Children(m));
        }

        private sealed class FilterSelector : Selector
        {
            public readonly Expr Test;
            public FilterSelector(Expr test) => Test = test;

            public override void Apply(JsonPathMatch m, List<JsonPathMatch> output)
            {
                foreach (var c in Children(m))
                {
                    if (Test.IsTrue(c.Node)) output.Add(c);
                }
            }
        }

        private abstract class Expr
        {
            public abstract bool IsTrue(JsonNode? current);
        }

        private sealed class OrExpr : Expr
        {
            public readonly Expr A, B;
            public OrExpr(Expr a, Expr b) { A = a; B = b; }
            public override bool IsTrue(JsonNode? c) => A.IsTrue(c) || B.IsTrue(c);
        }

        private sealed class AndExpr : Expr
        {
            public readonly Expr A, B;
            public AndExpr(Expr a, Expr b) { A = a; B = b; }
            public override bool IsTrue(JsonNode? c) => A.IsTrue(c) && B.IsTrue(c);
        }

        private sealed class NotExpr : Expr
        {
            public readonly Expr A;
            public NotExpr(Expr a) => A = a;
            public override bool IsTrue(JsonNode? c) => !A.IsTrue(c);
        }

        private sealed class ExistsExpr : Expr
        {
            public readonly RelativePath Path;
            public ExistsExpr(RelativePath path) => Path = path;
            public override bool IsTrue(JsonNode? c) => Path.Resolve(c, out _);
        }

        private sealed class CompareExpr : Expr
        {
            public readonly Operand Left, Right;
            public readonly string Op;
            public CompareExpr(Operand left, string op, Operand right) { Left = left; Op = op; Right = right; }

            public override bool IsTrue(JsonNode? c)
            {
                bool hasL = Left.Value(c, out var l);
                bool hasR = Right.Value(c, out var r);
                switch (Op)
                {
                    case "==": return Equal(hasL, l, hasR, r);
                    case "!=": return !Equal(hasL, l, hasR, r);
                    default:
                        if (!hasL || !hasR) return false;
                        if (l is JsonValue lv && r is JsonValue rv)
                        {
                            var lk = lv.GetValueKind();
                            var rk = rv.GetValueKind();
                            int cmp;
                            if (lk == JsonValueKind.Number && rk == JsonValueKind.Number) cmp = lv.GetValue<double>().CompareTo(rv.GetValue<double>());
                            else if (lk == JsonValueKind.String && rk == JsonValueKind.String) cmp = string.CompareOrdinal(lv.GetValue<string>(), rv.GetValue<string>());
                            else return Op.EndsWith("=", StringComparison.Ordinal) && Equal(true, l, true, r);
                            return Op switch { "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, _ => cmp >= 0 };
                        }
                        return Op.EndsWith("=", StringComparison.Ordinal) && Equal(true, l, true, r);
                }
            }

            private static bool Equal(bool hasL, JsonNode? l, bool hasR, JsonNode? r)
            {
                if (!hasL || !hasR) return !hasL && !hasR;
                if (l is JsonValue lv && r is JsonValue rv && lv.GetValueKind() == JsonValueKind.Number && rv.GetValueKind() == JsonValueKind.Number)
                {
                    return lv.GetValue<double>() == rv.GetValue<double>();
                }
                return JsonNode.DeepEquals(l, r);
            }
        }

        private abstract class Operand
        {
            public abstract bool Value(JsonNode? current, out JsonNode? value);
        }

        private sealed class LiteralOperand : Operand
        {
            public readonly JsonNode? Literal;
            public LiteralOperand(JsonNode? literal) => Literal = literal;
            public override bool Value(JsonNode? current, out JsonNode? value) { value = Literal; return true; }
        }

        private sealed class RelativePath : Operand
        {
            public readonly List<object> Steps = new List<object>();

            public bool Resolve(JsonNode? current, out JsonNode? value)
            {
                value = current;
                foreach (var s in Steps)
                {
                    if (s is string name)
                    {
                        if (value is JsonObject o && o.TryGetPropertyValue(name, out var v)) value = v;
                        else return false;
                    }
                    else
                    {
                        int i = (int)s;
                        if (value is not JsonArray a) return false;
                        int at = i < 0 ? a.Count + i : i;
                        if (at < 0 || at >= a.Count) return false;
                        value = a[at];
                    }
                }
                return true;
            }

            public override bool Value(JsonNode? current, out JsonNode? value) => Resolve(current, out value);
        }

        private sealed class Parser
        {
            private readonly string _s;
            private int _i;

            public Parser(string s) => _s = s;

            public bool AtEnd => _i >= _s.Length;
            public string Rest => _s.Substring(_i);

            public void Skip()
            {
                while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++;
            }

            public bool Eat(char c)
            {
                if (_i < _s.Length && _s[_i] == c) { _i++; return true; }
                return false;
            }

            private bool Eat(string t)
            {
                if (string.CompareOrdinal(_s, _i, t, 0, t.Length) == 0) { _i += t.Length; return true; }
                return false;
            }

            private char Peek(int ahead = 0) => _i + ahead < _s.Length ? _s[_i + ahead] : '\0';

            public List<Segment> Segments(bool allowEnd)
            {
                var list = new List<Segment>();
                while (true)
                {
                    if (AtEnd) return list;
                    char c = Peek();
                    if (c == '.')
                    {
                        var seg = new Segment();
                        _i++;
                        if (Eat('.'))
                        {
                            seg.Descendants = true;
                            if (Peek() == '[') { _i++; Bracket(seg); list.Add(seg); continue; }
                        }
                        if (Eat('*')) seg.Selectors.Add(new WildcardSelector());
                        else seg.Selectors.Add(new NameSelector(Name()));
                        list.Add(seg);
                    }
                    else if (c == '[')
                    {
                        _i++;
                        var seg = new Segment();
                        Bracket(seg);
                        list.Add(seg);
                    }
                    else
                    {
                        return list;
                    }
                }
            }

            private string Name()
            {
                int start = _i;
                while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_' || _s[_i] == '-' || _s[_i] == '$' || _s[_i] > 127)) _i++;
                if (_i == start) throw new FormatException("a name is expected at position " + (start + 1).ToString(CultureInfo.InvariantCulture));
                return _s.Substring(start, _i - start);
            }

            private void Bracket(Segment seg)
            {
                while (true)
                {
                    Skip();
                    char c = Peek();
                    if (c == '*') { _i++; seg.Selectors.Add(new WildcardSelector()); }
                    else if (c == '\'' || c == '"') seg.Selectors.Add(new NameSelector(QuotedString()));
                    else if (c == '-' || char.IsDigit(c)) seg.Selectors.Add(new IndexSelector(Integer()));
                    else if (c == '?')
                    {
                        _i++;
                        Skip();
                        seg.Selectors.Add(new FilterSelector(Or()));
                    }
                    else throw new FormatException("unexpected '" + (AtEnd ? "end" : c.ToString()) + "' in brackets");
                    Skip();
                    if (Eat(',')) continue;
                    if (Eat(']')) return;
                    throw new FormatException("']' expected at position " + (_i + 1).ToString(CultureInfo.InvariantCulture));
                }
            }

            private int Integer()
            {
                int start = _i;
                if (Peek() == '-') _i++;
                while (char.IsDigit(Peek())) _i++;
                if (!int.TryParse(_s.Substring(start, _i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                {
                    throw new FormatException("an index is expected at position " + (start + 1).ToString(CultureInfo.InvariantCulture));
                }
                return n;
            }

            private string QuotedString()
            {
                char q = _s[_i++];
                var sb = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw new FormatException("unterminated string");
                    char c = _s[_i++];
                    if (c == q) return sb.ToString();
                    if (c == '\\' && !AtEnd)
                    {
                        char e = _s[_i++];
                        switch (e)
                        {
                            case 'n': sb.Append('\n'); break;
                            case 't': sb.Append('\t'); break;
                            case 'r': sb.Append('\r'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'u':
                                if (_i + 4 > _s.Length) throw new FormatException("bad \\u escape");
                                sb.Append((char)int.Parse(_s.Substring(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                                _i += 4;
                                break;
                            default: sb.Append(e); break;
                        }
                    }
                    else sb.Append(c);
                }
            }

            private Expr Or()
            {
                var left = And();
                while (true)
                {
                    Skip();
                    if (Eat("||")) { Skip(); left = new OrExpr(left, And()); }
                    else return left;
                }
            }

            private Expr And()
            {
                var left = Unary();
                while (true)
                {
                    Skip();
                    if (Eat("&&")) { Skip(); left = new AndExpr(left, Unary()); }
                    else return left;
                }
            }

            private Expr Unary()
            {
                Skip();
                if (Peek() == '!' && Peek(1) != '=')
                {
                    _i++;
                    return new NotExpr(Unary());
                }
                if (Eat('('))
                {
                    var inner = Or();
                    Skip();
                    if (!Eat(')')) throw new FormatException("')' expected");
                    return inner;
                }
                var left = Operand();
                Skip();
                foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
                {
                    if (Eat(op))
                    {
                        Skip();
                        return new CompareExpr(left, op, Operand());
                    }
                }
                if (left is RelativePath rp) return new ExistsExpr(rp);
                throw new FormatException("a comparison is expected after a literal");
            }

            private Operand Operand()
            {
                Skip();
                char c = Peek();
                if (c == '@' || c == '$')
                {
                    _i++;
                    if (c == '$') throw new FormatException("filters may only use '@' paths");
                    var path = new RelativePath();
                    while (true)
                    {
                        if (Peek() == '.' && Peek(1) != '.')
                        {
                            _i++;
                            path.Steps.Add(Name());
                        }
                        else if (Peek() == '[')
                        {
                            _i++;
                            Skip();
                            char d = Peek();
                            if (d == '\'' || d == '"') path.Steps.Add(QuotedString());
                            else path.Steps.Add(Integer());
                            Skip();
                            if (!Eat(']')) throw new FormatException("']' expected");
                        }
                        else return path;
                    }
                }
                if (c == '\'' || c == '"') return new LiteralOperand(JsonValue.Create(QuotedString()));
                if (Eat("true")) return new LiteralOperand(JsonValue.Create(true));
                if (Eat("false")) return new LiteralOperand(JsonValue.Create(false));
                if (Eat("null")) return new LiteralOperand(null);
                if (c == '-' || char.IsDigit(c))
                {
                    int start = _i;
                    if (c == '-') _i++;
                    while (char.IsDigit(Peek()) || Peek() == '.' || Peek() == 'e' || Peek() == 'E' || ((Peek() == '+' || Peek() == '-') && (_s[_i - 1] == 'e' || _s[_i - 1] == 'E'))) _i++;
                    if (!double.TryParse(_s.Substring(start, _i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) throw new FormatException("bad number");
                    return new LiteralOperand(JsonValue.Create(d));
                }
                throw new FormatException("unexpected '" + (AtEnd ? "end" : c.ToString()) + "' in a filter");
            }
        }
    }
}
