namespace PractitionerBot.Knowledge.Index;

internal static class IndexFields
{
    public const string PassageId = "id";
    public const string DocumentId = "doc";
    public const string Title = "title";
    public const string Section = "section";
    public const string Body = "body";
    public const string WorkingGroups = "wg";
    public const string Year = "year";
    public const string Type = "type";
    public const string Language = "lang";
    public const string SourceTitle = "src_title";
    public const string SourceYear = "src_year";
    public const string SourceUrl = "src_url";
    public const string Page = "page";
    public const string LastPage = "page_last";

    /// <summary>"passage", "reference" (a Further reading list) or "document" (the whole-document record).</summary>
    public const string Kind = "kind";
    public const string DocTitle = "dtitle";
    public const string DocBody = "dbody";

    public const string KindPassage = "passage";
    public const string KindReference = "reference";
    public const string KindDocument = "document";
}
