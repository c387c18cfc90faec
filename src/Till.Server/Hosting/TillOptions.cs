namespace Till.Server.Hosting;

internal sealed class TillOptions
{
    public const string Section = "Till";

    /// <summary>Folder for the SQLite file, generated keys and other local state.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Resolves <see cref="DataDirectory"/> against the content root and creates it.</summary>
    public string ResolveDataDirectory(string contentRoot)
    {
        var path = Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
