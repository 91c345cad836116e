using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Dialogs;

/// <summary>Configuration section "Dialogs".</summary>
public sealed class DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>Folder of flow files, their schema and the bot texts; relative paths start at the content root.</summary>
    [Required] public string Path { get; set; } = "dialogs";
}
