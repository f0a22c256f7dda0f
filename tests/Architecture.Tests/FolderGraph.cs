using Mono.Cecil;

namespace Architecture.Tests;

/// <summary>
/// Which folder of an assembly uses which (a folder is the first namespace segment under the assembly's root; the root's
/// own types are "(root)"), read from the compiled code with Mono.Cecil: signatures, attributes and every instruction.
/// </summary>
internal static class FolderGraph
{
    public const string Root = "(root)";

    /// <summary>The arrows between folders, each with one use that makes it (for the failure message).</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(string assemblyPath, string rootNamespace)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var arrows = new Dictionary<(string, string), string>();
        foreach (var type in module.Types.SelectMany(Nested))
        {
            if (FolderOf(Outermost(type), rootNamespace) is not { } from)
            {
                continue;
            }

            foreach (var used in Uses(type))
            {
                var target = Outermost(used);
                if (target.Scope is AssemblyNameReference)
                {
                    continue;
                }

                if (FolderOf(target, rootNamespace) is { } to && to != from)
                {
                    arrows.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return arrows;
    }

    private static IEnumerable<TypeDefinition> Nested(TypeDefinition type) => [type, .. type.NestedTypes.SelectMany(Nested)];

    private static TypeReference Outermost(TypeReference type)
    {
        type = Element(type);
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static TypeReference Element(TypeReference type) => type switch
    {
        TypeSpecification spec => Element(spec.ElementType),
        _ => type,
    };

    private static string? FolderOf(TypeReference type, string rootNamespace)
    {
        var ns = type.Namespace;
        if (ns == rootNamespace)
        {
            return type.Name.StartsWith('<') ? null : Root;
        }

        return ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal) ? ns[(rootNamespace.Length + 1)..].Split('.')[0] : null;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            if (t is null)
            {
                return;
            }

            found.Add(t);
            if (t is GenericInstanceType generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }

            if (t is TypeSpecification spec)
            {
                Add(spec.ElementType);
            }
        }

        void Attributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }
        }

        void Method(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters)
            {
                Add(p.ParameterType);
            }

            if (m is GenericInstanceMethod g)
            {
                foreach (var a in g.GenericArguments)
                {
                    Add(a);
                }
            }
        }

        Add(type.BaseType);
        Attributes(type);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType);
        }

        foreach (var f in type.Fields)
        {
            Add(f.FieldType);
            Attributes(f);
        }

        foreach (var p in type.Properties)
        {
            Add(p.PropertyType);
            Attributes(p);
        }

        foreach (var m in type.Methods)
        {
            Method(m);
            Attributes(m);
            if (!m.HasBody)
            {
                continue;
            }

            foreach (var v in m.Body.Variables)
            {
                Add(v.VariableType);
            }

            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference called:
                        Method(called);
                        break;
                    case FieldReference field:
                        Add(field.DeclaringType);
                        Add(field.FieldType);
                        break;
                }
            }
        }

        return found;
    }
}
