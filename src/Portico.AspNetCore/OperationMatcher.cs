using System;
using System.Collections.Generic;
using Portico.Validation;

namespace Portico.AspNetCore
{
    /// <summary>
    /// Finds the operation of a request from its method and path, the way API Gateway selects a resource: path
    /// segments compare exactly (case-sensitive); <c>{name}</c> takes one non-empty segment, <c>{name+}</c> the rest
    /// of the path; when several templates match, the one whose earliest segments are literal wins.
    /// </summary>
    public sealed class OperationMatcher
    {
        private readonly Entry[] _entries;

        /// <summary>Prepares the templates of <paramref name="operations"/>.</summary>
        public OperationMatcher(IEnumerable<OperationValidator> operations)
        {
            if (operations is null) throw new ArgumentNullException(nameof(operations));
            var list = new List<Entry>();
            foreach (var op in operations)
            {
                if (op is null) continue;
                list.Add(new Entry(op, Parse(op.PathTemplate)));
            }
            // Most specific first: at the first segment where two templates differ, a literal beats a parameter,
            // and a single-segment parameter beats a greedy one; then declaration order.
            var ordered = new List<(Entry Entry, int Order)>();
            for (int i = 0; i < list.Count; i++) ordered.Add((list[i], i));
            ordered.Sort((a, b) =>
            {
                int c = Compare(a.Entry.Segments, b.Entry.Segments);
                return c != 0 ? c : a.Order.CompareTo(b.Order);
            });
            _entries = new Entry[ordered.Count];
            for (int i = 0; i < ordered.Count; i++) _entries[i] = ordered[i].Entry;
        }

        /// <summary>The operation whose method and path template match, with its path parameter values; <c>null</c> when none does.</summary>
        public OperationMatch? Match(string method, string path)
        {
            if (method is null) throw new ArgumentNullException(nameof(method));
            var parts = SplitPath(path ?? string.Empty);
            foreach (var e in _entries)
            {
                if (!string.Equals(e.Operation.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                var values = TryMatch(e.Segments, parts);
                if (values is not null) return new OperationMatch(e.Operation, values);
            }
            return null;
        }

        private static Dictionary<string, string>? TryMatch(Segment[] template, string[] parts)
        {
            Dictionary<string, string>? values = null;
            for (int i = 0; i < template.Length; i++)
            {
                var s = template[i];
                if (s.Kind == SegmentKind.Greedy)
                {
                    if (i >= parts.Length) return null;
                    values ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    values[s.Text] = string.Join("/", parts, i, parts.Length - i);
                    return values;
                }
                if (i >= parts.Length) return null;
                if (s.Kind == SegmentKind.Literal)
                {
                    if (!string.Equals(s.Text, parts[i], StringComparison.Ordinal)) return null;
                }
                else
                {
                    if (parts[i].Length == 0) return null;
                    values ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    values[s.Text] = parts[i];
                }
            }
            if (template.Length != parts.Length) return null;
            return values ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }

        private static string[] SplitPath(string path)
        {
            string trimmed = path.Trim('/');
            return trimmed.Length == 0 ? Array.Empty<string>() : trimmed.Split('/');
        }

        private static Segment[] Parse(string template)
        {
            var parts = SplitPath(template ?? string.Empty);
            var segments = new Segment[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                string p = parts[i];
                if (p.Length > 2 && p[0] == '{' && p[p.Length - 1] == '}' && p.IndexOf('{', 1) < 0)
                {
                    string name = p.Substring(1, p.Length - 2);
                    segments[i] = name.EndsWith("+", StringComparison.Ordinal) && name.Length > 1
                        ? new Segment(SegmentKind.Greedy, name.Substring(0, name.Length - 1))
                        : new Segment(SegmentKind.Parameter, name);
                }
                else
                {
                    segments[i] = new Segment(SegmentKind.Literal, p);
                }
            }
            return segments;
        }

        private static int Compare(Segment[] a, Segment[] b)
        {
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++)
            {
                int c = ((int)a[i].Kind).CompareTo((int)b[i].Kind);
                if (c != 0) return c;
            }
            return b.Length.CompareTo(a.Length);
        }

        private enum SegmentKind
        {
            Literal = 0,
            Parameter = 1,
            Greedy = 2,
        }

        private readonly struct Segment
        {
            public Segment(SegmentKind kind, string text)
            {
                Kind = kind;
                Text = text;
            }

            public SegmentKind Kind { get; }

            public string Text { get; }
        }

        private sealed class Entry
        {
            public Entry(OperationValidator operation, Segment[] segments)
            {
                Operation = operation;
                Segments = segments;
            }

            public OperationValidator Operation { get; }

            public Segment[] Segments { get; }
        }
    }

    /// <summary>A request's operation and the values of its path parameters.</summary>
    public sealed class OperationMatch
    {
        /// <summary>Creates a match.</summary>
        public OperationMatch(OperationValidator operation, IReadOnlyDictionary<string, string> pathValues)
        {
            Operation = operation;
            PathValues = pathValues;
        }

        /// <summary>The operation.</summary>
        public OperationValidator Operation { get; }

        /// <summary>Path parameter values by name, as they appear in the (decoded) request path.</summary>
        public IReadOnlyDictionary<string, string> PathValues { get; }
    }
}
