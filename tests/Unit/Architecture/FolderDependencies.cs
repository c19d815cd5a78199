using Mono.Cecil;

namespace FinchDashboard.Unit.Architecture;

/// <summary>
/// Which top-level folders (namespaces) of an assembly use which, read from its IL: signatures, attributes and method
/// bodies, so a dependency written only inside a method counts too. Nested and compiler-generated types count as
/// their declaring folder's.
/// </summary>
internal sealed class FolderDependencies
{
    private readonly string _root;
    private readonly Dictionary<string, HashSet<string>> _uses = [];
    private readonly Dictionary<(string From, string To), string> _example = [];

    private FolderDependencies(string root) => _root = root;

    public static FolderDependencies Of(Type anyTypeInAssembly, string rootNamespace)
    {
        var dependencies = new FolderDependencies(rootNamespace);
        using var module = ModuleDefinition.ReadModule(anyTypeInAssembly.Assembly.Location);
        foreach (var type in module.GetTypes())
        {
            dependencies.Read(type);
        }

        return dependencies;
    }

    public IReadOnlyCollection<string> Folders => _uses.Keys;

    public IReadOnlySet<string> UsedBy(string folder) => _uses.GetValueOrDefault(folder) ?? [];

    /// <summary>A type of <paramref name="from"/> that uses <paramref name="to"/>, to say where a forbidden edge comes from.</summary>
    public string Example(string from, string to) => _example.GetValueOrDefault((from, to)) ?? "?";

    /// <summary>Every cycle's folders, each cycle once (Tarjan's strongly connected components of two or more folders).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var used in UsedBy(folder))
            {
                if (!index.ContainsKey(used))
                {
                    Visit(used);
                    low[folder] = Math.Min(low[folder], low[used]);
                }
                else if (stack.Contains(used))
                {
                    low[folder] = Math.Min(low[folder], index[used]);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != folder);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    cycles.Add(component);
                }
            }
        }

        foreach (var folder in _uses.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }

        return cycles;
    }

    private void Read(TypeDefinition type)
    {
        var from = FolderOf(type);
        if (from is null)
        {
            return;
        }

        _uses.TryAdd(from, []);
        void Use(TypeReference? used)
        {
            foreach (var reference in Expand(used))
            {
                if (FolderOf(reference) is { } to && to != from && _uses[from].Add(to))
                {
                    _example[(from, to)] = type.FullName;
                }
            }
        }

        Use(type.BaseType);
        foreach (var implemented in type.Interfaces)
        {
            Use(implemented.InterfaceType);
        }

        foreach (var attribute in type.CustomAttributes)
        {
            Use(attribute.AttributeType);
        }

        foreach (var field in type.Fields)
        {
            Use(field.FieldType);
        }

        foreach (var property in type.Properties)
        {
            Use(property.PropertyType);
        }

        foreach (var method in type.Methods)
        {
            Use(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Use(parameter.ParameterType);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Use(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference used:
                        Use(used);
                        break;
                    case MemberReference member:
                        Use(member.DeclaringType);
                        if (member is MethodReference called)
                        {
                            Use(called.ReturnType);
                            if (called is GenericInstanceMethod generic)
                            {
                                foreach (var argument in generic.GenericArguments)
                                {
                                    Use(argument);
                                }
                            }
                        }
                        else if (member is FieldReference field)
                        {
                            Use(field.FieldType);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>The type and every type inside it: generic arguments, array and pointer element types.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        switch (type)
        {
            case null:
                yield break;
            case GenericInstanceType generic:
                foreach (var inner in Expand(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Expand)))
                {
                    yield return inner;
                }

                break;
            case TypeSpecification specification:
                foreach (var inner in Expand(specification.ElementType))
                {
                    yield return inner;
                }

                break;
            default:
                yield return type;
                break;
        }
    }

    private string? FolderOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        var ns = type.Namespace;
        if (!ns.StartsWith(_root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(_root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }
}
