using System;
using System.Collections.Generic;
using System.Text;
using Portico.CodeGeneration.Model;
using Scriban;
using Scriban.Runtime;

namespace Portico.CodeGeneration.Emit
{
    /// <summary>Renders one <see cref="FileModel"/> through its template.</summary>
    public static class SourceEmitter
    {
        // The built-in functions, made once: a context of its own would deep-copy them for every file. Templates
        // only read them (their own variables go to the globals pushed above), so sharing across threads is safe.
        private static readonly ScriptObject s_builtins = TemplateContext.GetDefaultBuiltinObject();

        public static string Render(FileModel file, TemplateSet templates)
        {
            var template = templates.Get(file.Template);
            var globals = new ScriptObject();
            globals.Import(new ScriptObject { ["namespace"] = file.Context.Namespace, ["client_name"] = file.Context.ClientName, ["context_name"] = file.Context.ContextName, ["version"] = file.Context.GeneratorVersion, ["spec_file"] = file.Context.SpecFile }, null, null);
            globals["ctx"] = Wrap(file.Context);
            if (file.Type is not null) globals["type"] = Wrap(file.Type);
            if (file.Group is not null) globals["group"] = Wrap(file.Group);
            if (file.Client is not null) globals["client"] = Wrap(file.Client);
            if (file.Gateway is not null) globals["gateway"] = Wrap(file.Gateway);
            if (file.Stages is not null) globals["stages"] = Wrap(file.Stages);
            // One context per thread and template set, reused file after file: it caches what it learns about the
            // model's types (member accessors) and the partials it includes. Each render gets fresh globals and output.
            var context = t_context is { } cached && ReferenceEquals(t_contextTemplates, templates) ? cached : NewContext(templates);
            t_context = null;
            context.PushGlobal(globals);
            context.PushOutput();
            string text = template.Render(context);
            context.PopOutput();
            context.PopGlobal();
            t_context = context;
            t_contextTemplates = templates;
            return Normalize(text);
        }

        [ThreadStatic] private static TemplateContext? t_context;
        [ThreadStatic] private static TemplateSet? t_contextTemplates;

        private static TemplateContext NewContext(TemplateSet templates) => new TemplateContext(s_builtins)
        {
            LoopLimit = 0,
            RecursiveLimit = 0,
            // Big documents render files of several megabytes; Scriban would otherwise cut long strings with "...".
            LimitToString = 0,
            OutputLimit = 0,
            StrictVariables = true,
            MemberRenamer = StandardMemberRenamer.Default,
            EnableRelaxedMemberAccess = false,
            NewLine = "\n",
            TemplateLoader = new Loader(templates),
        };

        /// <summary>Serves <c>include 'name'</c> from the same template set (so an override of a partial applies everywhere).</summary>
        private sealed class Loader : Scriban.Runtime.ITemplateLoader
        {
            private readonly TemplateSet _templates;
            public Loader(TemplateSet templates) => _templates = templates;
            public string GetPath(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templateName) => templateName;
            public string Load(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templatePath) => _templates.GetText(templatePath);
            public System.Threading.Tasks.ValueTask<string?> LoadAsync(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templatePath) => new System.Threading.Tasks.ValueTask<string?>(_templates.GetText(templatePath));
        }

        private static object Wrap(object model)
        {
            var so = new ScriptObject();
            so.Import(model, null, StandardMemberRenamer.Default);
            return so;
        }

        /// <summary>Collapses runs of blank lines and trailing spaces that template control lines leave behind.</summary>
        private static string Normalize(string text)
        {
            // One pass, no per-line strings: big documents render files of several megabytes.
            var sb = new StringBuilder(text.Length);
            int blank = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl;
                int trimmed = end;
                while (trimmed > start && (text[trimmed - 1] == ' ' || text[trimmed - 1] == '\t' || text[trimmed - 1] == '\r')) trimmed--;
                if (trimmed == start)
                {
                    blank++;
                    if (blank <= 1) sb.Append('\n');
                }
                else
                {
                    blank = 0;
                    sb.Append(text, start, trimmed - start).Append('\n');
                }
                if (nl < 0) break;
                start = nl + 1;
            }
            int length = sb.Length;
            while (length > 0 && sb[length - 1] == '\n') length--;
            sb.Length = length;
            return sb.Append('\n').ToString();
        }
    }
}
