using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>Runs where Debian's dict-freedict-fra-eng, -deu-eng and -nld-eng are installed (.ci/run installs them).</summary>
public sealed class InstalledFreeDictFactAttribute : FactAttribute
{
    public InstalledFreeDictFactAttribute()
    {
        if (FreeDict.Available(KnowledgeOptions.DebianDictionaries).Count < 3)
            Skip = $"FreeDict's dictionaries are not installed in {KnowledgeOptions.DebianDictionaries} (apt-get install dict-freedict-fra-eng dict-freedict-deu-eng dict-freedict-nld-eng)";
    }
}
