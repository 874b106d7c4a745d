using System;
using System.Collections.Generic;
using System.Linq;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Emit;

namespace Portico.CodeGeneration.Model
{
    /// <summary>What the stages file shows: each stage's constant, name and base URL as C# literals.</summary>
    public sealed record StagesModel(string ClassName, string CurrentLiteral, EquatableArray<StageEntryModel> Entries)
    {
        private static readonly string[] s_reserved = { "Names", "Current", "BaseAddress", "Variables", "Create", "TryGetBaseAddress" };

        public static StagesModel From(string clientName, EquatableArray<StageModel> stages, string? current)
        {
            var used = new HashSet<string>(s_reserved, StringComparer.Ordinal) { clientName + "Stages" };
            var entries = new List<StageEntryModel>();
            foreach (var s in stages.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                string constant = CSharp.Pascal(s.Name, "Stage");
                if (!char.IsLetter(constant[0]) && constant[0] != '_') constant = "Stage" + constant;
                string candidate = constant;
                for (int n = 2; !used.Add(candidate); n++) candidate = constant + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                string? address = s.BaseAddress is null ? null : s.BaseAddress.EndsWith("/", StringComparison.Ordinal) ? s.BaseAddress : s.BaseAddress + "/";
                entries.Add(new StageEntryModel(CSharp.Escape(candidate), CSharp.Literal(s.Name), address is null ? "null" : CSharp.Literal(address),
                    CSharp.DocAttribute(s.Name), address is null ? "no absolute server URL" : CSharp.DocAttribute(address),
                    s.Variables.Select(v => new StageVariableModel(CSharp.Literal(v.Path), CSharp.Literal(v.Text))).ToEquatableArray()));
            }
            return new StagesModel(clientName + "Stages", current is null ? "null" : CSharp.Literal(current), entries.ToEquatableArray());
        }
    }

    public sealed record StageEntryModel(string Constant, string NameLiteral, string BaseAddressLiteral, string NameDoc, string BaseAddressDoc, EquatableArray<StageVariableModel> Variables);

    public sealed record StageVariableModel(string KeyLiteral, string ValueLiteral);
}
