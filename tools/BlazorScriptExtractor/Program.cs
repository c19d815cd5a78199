using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

// Copies one manifest resource out of an assembly without loading it:
//   BlazorScriptExtractor <assembly.dll> <resource name> <output file>
// The NuGet feed of our build machines lacks the package that ships .NET 10's blazor.web.js,
// but the 9.0 ASP.NET Core runtime pack embeds the script in Components.Endpoints.dll.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: BlazorScriptExtractor <assembly.dll> <resource name> <output file>");
    return 2;
}

var (assemblyPath, resourceName, outputPath) = (args[0], args[1], args[2]);

using var stream = File.OpenRead(assemblyPath);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();

foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (metadata.GetString(resource.Name) != resourceName || !resource.Implementation.IsNil)
    {
        continue;
    }

    // Embedded resources live in the CLR resources directory: a 4-byte length, then the bytes.
    var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
    var block = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
    block.Offset = checked((int)resource.Offset);
    var length = block.ReadInt32();
    var bytes = block.ReadBytes(length);

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
    File.WriteAllBytes(outputPath, bytes);
    Console.WriteLine($"Extracted {resourceName} ({bytes.Length:N0} bytes) to {outputPath}");
    return 0;
}

Console.Error.WriteLine($"Resource '{resourceName}' not found in {assemblyPath}");
return 1;
