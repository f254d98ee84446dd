namespace Equilibre.Web;

/// <summary>
/// A list's page navigation (partial <c>_Pagination</c>): the page shown, how many there are, the link to another page,
/// and the French name of the list for assistive technologies ("Pagination des demandes à échéance").
/// </summary>
public sealed record Pagination(string Label, int Page, int Pages, Func<int, string> Link);
