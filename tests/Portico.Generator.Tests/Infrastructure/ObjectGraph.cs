using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Portico.Tests;

/// <summary>Walks the instance fields of an object graph, for finding compiler objects that pin a compilation in memory.</summary>
public static class ObjectGraph
{
    private static readonly Type[] s_banned =
    [
        typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SourceText), typeof(AdditionalText),
        typeof(SemanticModel), typeof(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions), typeof(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider),
    ];

    /// <summary>Paths (root.field.field…) to every reachable object of a banned type; empty when the graph is clean.</summary>
    public static List<string> FindCompilerObjects(object? root, string rootName = "root")
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(object Value, string Path)>();
        if (root is not null) stack.Push((root, rootName));
        int visited = 0;
        while (stack.Count > 0 && visited < 2_000_000)
        {
            var (value, path) = stack.Pop();
            var type = value.GetType();
            if (IsLeaf(type)) continue;
            if (!type.IsValueType && !seen.Add(value)) continue;
            visited++;
            if (s_banned.Any(b => b.IsAssignableFrom(type)))
            {
                found.Add(path + " : " + type.FullName);
                continue;
            }
            if (value is Array array)
            {
                if (IsLeaf(type.GetElementType()!)) continue;
                int i = 0;
                foreach (var item in array)
                {
                    if (item is not null) stack.Push((item, path + "[" + i + "]"));
                    i++;
                }
                continue;
            }
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (f.FieldType.IsPointer || f.FieldType.IsByRefLike) continue;
                    object? child;
                    try { child = f.GetValue(value); } catch { continue; }
                    if (child is not null) stack.Push((child, path + "." + f.Name));
                }
            }
        }
        return found;
    }

    private static bool IsLeaf(Type t)
        => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(Guid)
           || typeof(MemberInfo).IsAssignableFrom(t) || typeof(Assembly).IsAssignableFrom(t) || t == typeof(IntPtr) || t == typeof(Pointer);
}
