using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Portico.CodeGeneration.Model;
using Scriban;

namespace Portico.CodeGeneration.Emit
{
    /// <summary>
    /// The Scriban templates emission uses: the built-in ones embedded in this assembly, each replaceable by a
    /// project's own file of the same name. Equality is by the override texts, so a pipeline caches on it; parsed
    /// templates are kept with the instance (built-in ones are parsed once per process, immutably).
    /// </summary>
    public sealed class TemplateSet : IEquatable<TemplateSet>
    {
        public static readonly string[] Names = { "class", "string_enum", "integer_enum", "union", "group", "client", "context", "extensions", "operation", "gateway", "stages", "validator" };

        private static readonly Dictionary<string, Lazy<Template>> s_builtIn = LoadBuiltIn();

        private readonly EquatableArray<SourceFile> _overrides;
        private readonly Dictionary<string, Template> _parsed = new Dictionary<string, Template>(StringComparer.Ordinal);

        public static TemplateSet Default { get; } = new TemplateSet(EquatableArray<SourceFile>.Empty);

        public TemplateSet(EquatableArray<SourceFile> overrides)
        {
            _overrides = overrides;
            var errors = new List<TemplateError>();
            foreach (var file in overrides)
            {
                string name = Path.GetFileNameWithoutExtension(file.Path.Replace('\\', '/'));
                if (Array.IndexOf(Names, name) < 0) continue;
                var template = Template.Parse(file.Text, file.Path);
                if (template.HasErrors)
                {
                    var first = template.Messages.Count > 0 ? template.Messages[0] : null;
                    int line = first is null ? 1 : Math.Max(1, first.Span.Start.Line + 1);
                    int column = first is null ? 1 : Math.Max(1, first.Span.Start.Column + 1);
                    errors.Add(new TemplateError(file.Path, string.Join("; ", template.Messages.Select(m => m.Message)), line, column));
                    continue;
                }
                _parsed[name] = template;
            }
            Errors = errors;
        }

        /// <summary>Override files that did not parse: path, messages and where the first problem is (1-based).</summary>
        public IReadOnlyList<TemplateError> Errors { get; }

        /// <summary>Whether a path is one of this set's override files.</summary>
        public bool IsOverride(string? path)
        {
            if (path is null) return false;
            foreach (var file in _overrides)
            {
                if (string.Equals(file.Path, path, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>The text of a template, overridden or built in.</summary>
        public string GetText(string name)
        {
            foreach (var file in _overrides)
            {
                if (Path.GetFileNameWithoutExtension(file.Path.Replace('\\', '/')) == name) return file.Text;
            }
            return BuiltInText(name);
        }

        public Template Get(string name)
        {
            if (_parsed.TryGetValue(name, out var t)) return t;
            return s_builtIn[name].Value;
        }

        /// <summary>The text of a built-in template (for documentation and tests).</summary>
        public static string BuiltInText(string name)
        {
            using var stream = typeof(TemplateSet).Assembly.GetManifestResourceStream("Portico.Templates." + name + ".sbn")
                ?? throw new InvalidOperationException("Missing template " + name);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        private static Dictionary<string, Lazy<Template>> LoadBuiltIn()
        {
            var map = new Dictionary<string, Lazy<Template>>(StringComparer.Ordinal);
            foreach (var name in Names)
            {
                string n = name;
                map[n] = new Lazy<Template>(() =>
                {
                    var t = Template.Parse(BuiltInText(n), n + ".sbn");
                    if (t.HasErrors) throw new InvalidOperationException("Built-in template " + n + " does not parse: " + string.Join("; ", t.Messages));
                    return t;
                }, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            }
            return map;
        }

        public bool Equals(TemplateSet? other) => other is not null && _overrides.Equals(other._overrides);
        public override bool Equals(object? obj) => Equals(obj as TemplateSet);
        public override int GetHashCode() => _overrides.GetHashCode();
    }

    /// <summary>A template override that does not parse.</summary>
    public sealed record TemplateError(string Path, string Message, int Line, int Column);
}
