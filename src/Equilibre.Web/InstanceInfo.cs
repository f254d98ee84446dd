namespace Equilibre.Web;

/// <summary>Facts about this instance computed at start-up: does it hold demo data (shown on every page)?</summary>
public sealed class InstanceInfo
{
    public bool HasDemoData { get; set; }
    public string DatabaseDescription { get; set; } = "";
}
