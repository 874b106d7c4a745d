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
        public static string Render(FileModel file, TemplateSet templates)
        {
            var template = templates.Get(file.Template);
            var globals = new ScriptObject();
            globals.Import(new ScriptObject { ["namespace"] = file.Context.Namespace, ["client_name"] = file.Context.ClientName, ["context_name"] = file.Context.ContextName, ["version"] = file.Context.GeneratorVersion, ["spec_file"] = file.Context.SpecFile }, null, null);
            globals["ctx"] = Wrap(file.Context);
            if (file.Type is not null) globals["type"] = Wrap(file.Type);
            if (file.Group is not null) globals["group"] = Wrap(file.Group);
            if (file.Client is not null) globals["client"] = Wrap(file.Client);
            var context = new TemplateContext
            {
                LoopLimit = 0,
                RecursiveLimit = 0,
                // Large APIs give files over Scriban's default 1M-character limit, which would cut them short.
                LimitToString = 0,
                OutputLimit = 0,
                StrictVariables = true,
                MemberRenamer = StandardMemberRenamer.Default,
                EnableRelaxedMemberAccess = false,
                NewLine = "\n",
                TemplateLoader = new Loader(templates),
            };
            context.PushGlobal(globals);
            string text = template.Render(context);
            return Normalize(text);
        }

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
            var sb = new StringBuilder(text.Length);
            int blank = 0;
            foreach (var raw in text.Split('\n'))
            {
                string line = raw.TrimEnd(' ', '\t', '\r');
                if (line.Length == 0)
                {
                    blank++;
                    if (blank > 1) continue;
                }
                else
                {
                    blank = 0;
                }
                sb.Append(line).Append('\n');
            }
            return sb.ToString().TrimEnd('\n') + "\n";
        }
    }
}
