using System;
using System.Collections.Generic;
using System.Globalization;
using Portico.CodeGeneration.Emit;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>Hands out unique identifiers within one scope (a namespace, a class, a parameter list).</summary>
    internal sealed class NameRegistry
    {
        private readonly HashSet<string> _used;

        public NameRegistry(IEqualityComparer<string>? comparer = null) => _used = new HashSet<string>(comparer ?? StringComparer.Ordinal);

        public bool IsUsed(string name) => _used.Contains(name);

        public void Reserve(string name) => _used.Add(name);

        /// <summary>The name itself when free, else the name with the first free number appended.</summary>
        public string Claim(string name)
        {
            if (_used.Add(name)) return name;
            for (int i = 2; ; i++)
            {
                string candidate = name + i.ToString(CultureInfo.InvariantCulture);
                if (_used.Add(candidate)) return candidate;
            }
        }

        /// <summary>Claims a name and its companions (<c>X</c> and <c>XJsonConverter</c>) together.</summary>
        public string ClaimWith(string name, string suffix)
        {
            for (int i = 1; ; i++)
            {
                string candidate = i == 1 ? name : name + i.ToString(CultureInfo.InvariantCulture);
                if (!_used.Contains(candidate) && !_used.Contains(candidate + suffix))
                {
                    _used.Add(candidate);
                    _used.Add(candidate + suffix);
                    return candidate;
                }
            }
        }

        public static string TypeName(string text)
        {
            string name = CSharp.Pascal(text, "Model");
            if (name[0] == '_') name = "Model" + name;
            return name;
        }
    }
}
