using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Reading
{
    /// <summary>
    /// Turns JSON pointers into line/column positions of the document text. Runs only when there is something
    /// to report, in one pass over the text, and answers the longest prefix of a pointer that exists.
    /// </summary>
    public static class SourceLocator
    {
        /// <summary>A pseudo-pointer naming a character offset of the text (for problems found by scanning, not by pointer).</summary>
        public static string AtOffset(int offset) => "@" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A pseudo-pointer naming a 1-based line and column of the text.</summary>
        public static string AtPosition(int line, int column)
            => "@" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + column.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public static Dictionary<string, SourceSpan> Locate(string path, string text, ICollection<string> pointers)
        {
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            var positions = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var p in pointers)
            {
                if (p.StartsWith("@", StringComparison.Ordinal))
                {
                    positions[p] = Position(path, text, p);
                    continue;
                }
                // Every prefix, so that a pointer into a missing child still lands on its parent.
                string s = Normalize(p);
                while (true)
                {
                    wanted.Add(s);
                    int slash = s.LastIndexOf('/');
                    if (slash < 0) break;
                    s = s.Substring(0, slash);
                }
            }
            var found = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            try
            {
                if (wanted.Count == 0) { }
                else if (LooksLikeJson(text)) ScanJson(path, text, wanted, found);
                else ScanYaml(path, text, wanted, found);
            }
            catch (Exception)
            {
                // A document that does not scan has already been reported; positions fall back to the file start.
            }
            var result = new Dictionary<string, SourceSpan>(positions, StringComparer.Ordinal);
            foreach (var p in pointers)
            {
                if (positions.ContainsKey(p)) continue;
                string s = Normalize(p);
                while (true)
                {
                    if (found.TryGetValue(s, out var span)) { result[p] = span; break; }
                    int slash = s.LastIndexOf('/');
                    if (slash < 0) { result[p] = SourceSpan.FileStart(path); break; }
                    s = s.Substring(0, slash);
                }
            }
            return result;
        }

        private static SourceSpan Position(string path, string text, string pseudo)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            string body = pseudo.Substring(1);
            int colon = body.IndexOf(':');
            int line, column, offset;
            if (colon >= 0)
            {
                if (!int.TryParse(body.Substring(0, colon), System.Globalization.NumberStyles.Integer, inv, out line) || line < 1) line = 1;
                if (!int.TryParse(body.Substring(colon + 1), System.Globalization.NumberStyles.Integer, inv, out column) || column < 1) column = 1;
                // The offset of that line and column, as far as the text goes.
                offset = 0;
                for (int l = 1; l < line && offset < text.Length; offset++)
                {
                    if (text[offset] == '\n') l++;
                }
                offset = Math.Min(text.Length, offset + column - 1);
            }
            else
            {
                if (!int.TryParse(body, System.Globalization.NumberStyles.Integer, inv, out offset) || offset < 0) offset = 0;
                offset = Math.Min(offset, text.Length);
                line = 1;
                int lineStart = 0;
                for (int i = 0; i < offset; i++)
                {
                    if (text[i] == '\n') { line++; lineStart = i + 1; }
                }
                column = offset - lineStart + 1;
            }
            return new SourceSpan(path, line, column, line, column, offset, 0);
        }

        /// <summary>
        /// Pointers (normalized) of the objects in which <paramref name="key"/> is set to the literal <c>true</c>. Readers
        /// fold some such keywords into defaults (<c>additionalProperties: true</c> reads like an absent keyword), so the
        /// text is the only witness. One pass; empty when the text does not mention the key.
        /// </summary>
        public static HashSet<string> ObjectsWithTrueKey(string text, string key) => ObjectsWithTrueKeys(text, new[] { new TrueKeyRule(key, null) })[0];

        /// <summary>A key looked for by <see cref="ObjectsWithTrueKeys"/>: set to <c>true</c>, in an object without <paramref name="Unless"/>.</summary>
        public sealed record TrueKeyRule(string Key, string? Unless);

        /// <summary>
        /// For each rule, the pointers (normalized) of the objects in which its key is the literal <c>true</c> and its
        /// <c>Unless</c> key is absent. One pass over the text for all rules; rules whose key the text never mentions cost nothing.
        /// </summary>
        public static HashSet<string>[] ObjectsWithTrueKeys(string text, IReadOnlyList<TrueKeyRule> rules)
        {
            var found = new HashSet<string>[rules.Count];
            var live = new List<int>();
            for (int i = 0; i < rules.Count; i++)
            {
                found[i] = new HashSet<string>(StringComparer.Ordinal);
                if (text.IndexOf(rules[i].Key, StringComparison.Ordinal) >= 0) live.Add(i);
            }
            if (live.Count == 0) return found;
            // Per open object: which rules' keys were true (bit i) and which Unless keys were seen (bit i); decided at its end.
            var hits = new List<(string Pointer, long True, long Unless)>();
            void Key(int frame, string? name, bool isTrue)
            {
                if (frame < 0 || name is null) return;
                var h = hits[frame];
                foreach (int i in live)
                {
                    if (isTrue && rules[i].Key == name) h.True |= 1L << i;
                    if (rules[i].Unless == name) h.Unless |= 1L << i;
                }
                hits[frame] = h;
            }
            void Close(int frame)
            {
                if (frame < 0) return;
                var h = hits[frame];
                if (h.True != 0)
                {
                    foreach (int i in live)
                    {
                        if ((h.True & (1L << i)) != 0 && (h.Unless & (1L << i)) == 0) found[i].Add(h.Pointer);
                    }
                }
                hits.RemoveAt(frame);
            }
            try
            {
                if (LooksLikeJson(text))
                {
                    ScanJsonTrueKeys(text, rules, live, found);
                }
                else
                {
                    var parser = SharpYaml.Parser.CreateParser(new StringReader(text));
                    var stack = new List<Frame>();
                    while (parser.MoveNext())
                    {
                        var ev = parser.Current;
                        switch (ev)
                        {
                            case SharpYaml.Events.MappingStart:
                            case SharpYaml.Events.SequenceStart:
                                if (stack.Count > 0 && !stack[stack.Count - 1].IsSequence) Key(hits.Count - 1, stack[stack.Count - 1].PendingKey, false);
                                string ptr = stack.Count == 0 ? string.Empty : NextValuePointer(stack);
                                bool isSequence = ev is SharpYaml.Events.SequenceStart;
                                stack.Add(new Frame { Pointer = ptr, IsSequence = isSequence });
                                if (!isSequence) hits.Add((ptr, 0, 0));
                                break;
                            case SharpYaml.Events.MappingEnd:
                            case SharpYaml.Events.SequenceEnd:
                                if (!stack[stack.Count - 1].IsSequence) Close(hits.Count - 1);
                                stack.RemoveAt(stack.Count - 1);
                                break;
                            case SharpYaml.Events.Scalar scalar:
                                if (stack.Count == 0) break;
                                var top = stack[stack.Count - 1];
                                if (!top.IsSequence && top.PendingKey is null)
                                {
                                    top.PendingKey = scalar.Value;
                                }
                                else
                                {
                                    if (!top.IsSequence) Key(hits.Count - 1, top.PendingKey, scalar.Value == "true" && scalar.Style == SharpYaml.ScalarStyle.Plain);
                                    NextValuePointer(stack);
                                }
                                break;
                            case SharpYaml.Events.AnchorAlias:
                                if (stack.Count > 0 && !stack[stack.Count - 1].IsSequence) Key(hits.Count - 1, stack[stack.Count - 1].PendingKey, false);
                                if (stack.Count > 0) NextValuePointer(stack);
                                break;
                        }
                    }
                }
            }
            catch (Exception)
            {
                // A document that does not scan has been reported already; nothing is known then.
            }
            return found;
        }

        /// <summary>An open object or array of <see cref="ScanJsonTrueKeys"/>: where it sits in its parent, and what its members said.</summary>
        private struct JsonFrame
        {
            public bool IsArray;
            public int Index; // the next item's index (arrays)
            public int Segment; // the byte offset of its member name's opening quote, or the complement (~i) of its item index; the root has none
            public long True; // rules whose key is true here (objects)
            public long Unless; // rules whose Unless key is here (objects)
        }

        /// <summary>
        /// The JSON side of <see cref="ObjectsWithTrueKeys"/>: member names are compared as UTF-8 in place, and a pointer is
        /// spelled only for an object that a rule selects (a 13 MB document has about a million values, and a handful of hits).
        /// </summary>
        private static void ScanJsonTrueKeys(string text, IReadOnlyList<TrueKeyRule> rules, List<int> live, HashSet<string>[] found)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(bytes, s_scanOptions);
            var keys = new byte[rules.Count][];
            var unless = new byte[rules.Count][];
            foreach (int i in live)
            {
                keys[i] = Encoding.UTF8.GetBytes(rules[i].Key);
                unless[i] = rules[i].Unless is string u ? Encoding.UTF8.GetBytes(u) : null!;
            }
            var frames = new List<JsonFrame>();
            long nameKey = 0, nameUnless = 0; // what the pending member name is to each rule
            int nameAt = -1;
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    nameKey = nameUnless = 0;
                    foreach (int i in live)
                    {
                        if (reader.ValueTextEquals(keys[i])) nameKey |= 1L << i;
                        if (unless[i] is byte[] u && reader.ValueTextEquals(u)) nameUnless |= 1L << i;
                    }
                    nameAt = (int)reader.TokenStartIndex;
                    continue;
                }
                if (token == JsonTokenType.EndObject || token == JsonTokenType.EndArray)
                {
                    var closed = frames[frames.Count - 1];
                    if (!closed.IsArray && closed.True != 0)
                    {
                        string? pointer = null;
                        foreach (int i in live)
                        {
                            if ((closed.True & (1L << i)) != 0 && (closed.Unless & (1L << i)) == 0) found[i].Add(pointer ??= SpellPointer(bytes, frames));
                        }
                    }
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }
                // A value: it answers the pending name of its object, or takes the next index of its array.
                int segment = 0;
                if (frames.Count > 0)
                {
                    var parent = frames[frames.Count - 1];
                    if (parent.IsArray)
                    {
                        segment = ~parent.Index;
                        parent.Index++;
                    }
                    else
                    {
                        segment = nameAt;
                        parent.Unless |= nameUnless;
                        if (token == JsonTokenType.True) parent.True |= nameKey;
                    }
                    frames[frames.Count - 1] = parent;
                }
                if (token == JsonTokenType.StartObject || token == JsonTokenType.StartArray)
                {
                    frames.Add(new JsonFrame { IsArray = token == JsonTokenType.StartArray, Segment = segment });
                }
            }
        }

        /// <summary>The pointer of the innermost open frame, spelled from the member names in the text.</summary>
        private static string SpellPointer(byte[] bytes, List<JsonFrame> frames)
        {
            var sb = new StringBuilder();
            for (int k = 1; k < frames.Count; k++)
            {
                int segment = frames[k].Segment;
                sb.Append('/');
                if (segment < 0)
                {
                    sb.Append((~segment).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }
                var name = new Utf8JsonReader(bytes.AsSpan(segment));
                name.Read();
                sb.Append(Escape(name.GetString()!));
            }
            return sb.ToString();
        }

        /// <summary>Pointers as <c>/a/b</c> (no leading <c>#</c>); the root is the empty string.</summary>
        public static string Normalize(string pointer)
        {
            if (string.IsNullOrEmpty(pointer)) return string.Empty;
            string p = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
            if (p == "/") return string.Empty;
            return p.TrimEnd('/');
        }

        public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

        /// <summary>The locator reads JSON as leniently as the document's reader: comments and trailing commas pass.</summary>
        private static readonly JsonReaderOptions s_scanOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        public static bool LooksLikeJson(string text)
        {
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c == '\uFEFF') continue;
                return c == '{' || c == '[';
            }
            return false;
        }

        private static void ScanJson(string path, string text, HashSet<string> wanted, Dictionary<string, SourceSpan> found)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(bytes, s_scanOptions);
            var lines = new LineMap(bytes);
            if (!reader.Read()) return;
            if (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray)
            {
                if (wanted.Contains(string.Empty)) found[string.Empty] = lines.Span(path, (int)reader.TokenStartIndex, Math.Max(1, reader.ValueSpan.Length));
                return;
            }
            found[string.Empty] = lines.Span(path, (int)reader.TokenStartIndex, 1);
            // Wanted holds every prefix of every wanted pointer, so a value whose pointer is not wanted has nothing wanted
            // inside: it is skipped whole, and pointers are spelled only along the paths that lead somewhere.
            var stack = new List<(string Pointer, bool IsArray, int Index)> { (string.Empty, reader.TokenType == JsonTokenType.StartArray, 0) };
            while (stack.Count > 0 && reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject || reader.TokenType == JsonTokenType.EndArray)
                {
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }
                var top = stack[stack.Count - 1];
                string ptr;
                if (top.IsArray)
                {
                    ptr = top.Pointer + "/" + top.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    stack[stack.Count - 1] = (top.Pointer, true, top.Index + 1);
                    if (!wanted.Contains(ptr))
                    {
                        reader.Skip();
                        continue;
                    }
                }
                else
                {
                    ptr = top.Pointer + "/" + Escape(reader.GetString()!);
                    bool want = wanted.Contains(ptr);
                    // A member's position is its key's.
                    if (want && !found.ContainsKey(ptr)) found[ptr] = lines.Span(path, (int)reader.TokenStartIndex, reader.ValueSpan.Length + 2);
                    reader.Read();
                    if (!want)
                    {
                        reader.Skip();
                        continue;
                    }
                }
                if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                {
                    stack.Add((ptr, reader.TokenType == JsonTokenType.StartArray, 0));
                }
                else if (!found.ContainsKey(ptr))
                {
                    found[ptr] = lines.Span(path, (int)reader.TokenStartIndex, Math.Max(1, reader.ValueSpan.Length));
                }
            }
        }

        private static void ScanYaml(string path, string text, HashSet<string> wanted, Dictionary<string, SourceSpan> found)
        {
            var parser = SharpYaml.Parser.CreateParser(new StringReader(text));
            // Each frame: pointer, isSequence, next index, pending key (mappings alternate key/value).
            var stack = new List<Frame>();
            while (parser.MoveNext())
            {
                var ev = parser.Current;
                switch (ev)
                {
                    case SharpYaml.Events.MappingStart:
                    case SharpYaml.Events.SequenceStart:
                        {
                            string ptr = stack.Count == 0 ? string.Empty : NextValuePointer(stack);
                            Record(path, ptr, ev, wanted, found);
                            stack.Add(new Frame { Pointer = ptr, IsSequence = ev is SharpYaml.Events.SequenceStart });
                            break;
                        }
                    case SharpYaml.Events.MappingEnd:
                    case SharpYaml.Events.SequenceEnd:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    case SharpYaml.Events.Scalar scalar:
                        {
                            if (stack.Count == 0) break;
                            var top = stack[stack.Count - 1];
                            if (!top.IsSequence && top.PendingKey is null)
                            {
                                top.PendingKey = scalar.Value;
                                Record(path, top.Pointer + "/" + Escape(scalar.Value), ev, wanted, found);
                            }
                            else
                            {
                                string ptr = NextValuePointer(stack);
                                Record(path, ptr, ev, wanted, found);
                            }
                            break;
                        }
                    case SharpYaml.Events.AnchorAlias:
                        if (stack.Count > 0) NextValuePointer(stack);
                        break;
                }
            }
        }

        private sealed class Frame
        {
            public string Pointer = string.Empty;
            public bool IsSequence;
            public int Index;
            public string? PendingKey;
        }

        private static string NextValuePointer(List<Frame> stack)
        {
            var top = stack[stack.Count - 1];
            if (top.IsSequence)
            {
                return top.Pointer + "/" + (top.Index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            string p = top.Pointer + "/" + Escape(top.PendingKey ?? string.Empty);
            top.PendingKey = null;
            return p;
        }

        private static void Record(string path, string pointer, SharpYaml.Events.ParsingEvent ev, HashSet<string> wanted, Dictionary<string, SourceSpan> found)
        {
            if (!wanted.Contains(pointer) || found.ContainsKey(pointer)) return;
            var s = ev.Start;
            var e = ev.End;
            int endLine = e.Line;
            int endColumn = e.Column;
            if (endLine != s.Line) { endLine = s.Line; endColumn = s.Column + 1; }
            found[pointer] = new SourceSpan(path, s.Line + 1, s.Column + 1, endLine + 1, Math.Max(endColumn, s.Column + 1) + 1, s.Index, Math.Max(0, e.Index - s.Index));
        }

        /// <summary>Maps UTF-8 byte offsets to 1-based lines and columns (columns in characters).</summary>
        private sealed class LineMap
        {
            private readonly byte[] _bytes;
            private readonly List<int> _lineStarts = new List<int> { 0 };

            public LineMap(byte[] bytes)
            {
                _bytes = bytes;
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] == (byte)'\n') _lineStarts.Add(i + 1);
                }
            }

            private int _cursorByte;
            private int _cursorChar;

            // Offsets are asked for in increasing order during a scan, so counting goes forward from the last answer.
            private int CharOffset(int byteOffset)
            {
                if (byteOffset < _cursorByte) { _cursorByte = 0; _cursorChar = 0; }
                _cursorChar += Encoding.UTF8.GetCharCount(_bytes, _cursorByte, byteOffset - _cursorByte);
                _cursorByte = byteOffset;
                return _cursorChar;
            }

            public SourceSpan Span(string path, int byteOffset, int byteLength)
            {
                int line = _lineStarts.BinarySearch(byteOffset);
                if (line < 0) line = ~line - 1;
                int lineStart = _lineStarts[line];
                int column = Encoding.UTF8.GetCharCount(_bytes, lineStart, byteOffset - lineStart);
                int charStart = CharOffset(byteOffset);
                int charLength = Encoding.UTF8.GetCharCount(_bytes, byteOffset, Math.Min(byteLength, _bytes.Length - byteOffset));
                return new SourceSpan(path, line + 1, column + 1, line + 1, column + 1 + charLength, charStart, charLength);
            }
        }
    }
}
