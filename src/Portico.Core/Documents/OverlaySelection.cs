using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>Finds, among the build's overlay files, those a document's Overlays metadata names (in the order named).</summary>
    public static class OverlaySelection
    {
        public static SpecInput Attach(SpecInput input, IEnumerable<SourceFile> candidates)
        {
            var names = input.Options.Overlays;
            if (names.IsEmpty) return input.Overlays.IsEmpty && input.MissingOverlays.IsEmpty ? input : input with { Overlays = EquatableArray<SourceFile>.Empty, MissingOverlays = EquatableArray<string>.Empty };
            string baseDir = Normalize(input.Options.ProjectDirectory ?? DirectoryOf(input.Path));
            var all = candidates.OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
            var chosen = new List<SourceFile>();
            var missing = new List<string>();
            foreach (var name in names)
            {
                string full = Combine(baseDir, name);
                Regex? pattern = full.IndexOf('*') >= 0 ? Glob(full) : null;
                var found = all.Where(c => pattern is null ? string.Equals(Normalize(c.Path), full, StringComparison.OrdinalIgnoreCase) : pattern.IsMatch(Normalize(c.Path))).ToList();
                if (found.Count == 0) missing.Add(name);
                foreach (var f in found)
                {
                    if (!chosen.Contains(f)) chosen.Add(f);
                }
            }
            return input with { Overlays = chosen.ToEquatableArray(), MissingOverlays = missing.ToEquatableArray() };
        }

        private static string DirectoryOf(string path)
        {
            string p = Normalize(path);
            int slash = p.LastIndexOf('/');
            return slash >= 0 ? p.Substring(0, slash) : string.Empty;
        }

        private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');

        /// <summary>A path relative to the base folder (or absolute), with '.' and '..' segments resolved.</summary>
        public static string Combine(string baseDir, string relative)
        {
            string r = relative.Replace('\\', '/');
            bool absolute = r.StartsWith("/", StringComparison.Ordinal) || (r.Length > 1 && r[1] == ':');
            string joined = absolute || baseDir.Length == 0 ? r : baseDir + "/" + r;
            var parts = new List<string>();
            foreach (var seg in joined.Split('/'))
            {
                if (seg == ".") continue;
                if (seg == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") { parts.RemoveAt(parts.Count - 1); continue; }
                parts.Add(seg);
            }
            return string.Join("/", parts);
        }

        private static Regex Glob(string pattern)
        {
            var sb = new System.Text.StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    sb.Append(".*");
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/') i++;
                }
                else if (c == '*') sb.Append("[^/]*");
                else if (c == '?') sb.Append("[^/]");
                else sb.Append(Regex.Escape(c.ToString()));
            }
            return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
