using PractitionerBot.Knowledge;

namespace PractitionerBot.WorkingGroups;

/// <summary>A working group's fit for a text: its share of the evidence (0 to 1) and why.</summary>
public sealed record GroupScore(WorkingGroup Group, double Score, string Reason)
{
    /// <summary>The words that signal the group (up to three), whether the profile gave any, whether the papers that answer come from it.</summary>
    public (IReadOnlyList<string> Cues, bool FromProfile, bool FromPapers) Why { get; init; } = ([], false, false);

    /// <summary>The reason in the member's language; the quoted words stay as they were written.</summary>
    public string ReasonIn(Localization.LocalTexts t)
    {
        var parts = new List<string>();
        if (Why.Cues.Count > 0)
        {
            var cues = Why.Cues.Count == 1 ? Why.Cues[0] : string.Join(", ", Why.Cues.Take(Why.Cues.Count - 1)) + $" {t["routingAnd"]} " + Why.Cues[^1];
            parts.Add(t.Get(Why.FromProfile ? "routingProfileMentions" : "routingMentions", ("cues", cues)));
        }
        if (Why.FromPapers) parts.Add(t["routingPapers"]);
        return parts.Count == 0 ? t["routingNoSign"] : string.Join("; ", parts);
    }
}

/// <summary>All ten groups, best first. <see cref="TwoFit"/>: the second is nearly as good as the first.</summary>
public sealed record RoutingResult(string Text, IReadOnlyList<GroupScore> Ranked, bool TwoFit, bool HasSignal)
{
    public GroupScore Best => Ranked[0];
}

/// <summary>
/// Ranks the ten working groups for a question or a self-description, combining three kinds of
/// evidence: the groups' own words (keywords, phrases, the professions of their members), the groups
/// of the RAN papers that answer the text, and the member's profile when there is one.
/// </summary>
public sealed class WorkingGroupRouter
{
    private const double KeywordWeight = 1.0;
    private const double PhraseWeight = 2.0;
    private const double MemberWeight = 2.5;
    private const double KnowledgeWeight = 2.0;
    private const double ProfileWeight = 0.5;

    private readonly IWorkingGroupDirectory _groups;
    private readonly IKnowledgeBase _knowledge;
    private readonly List<Cue> _cues = [];

    /// <summary>A word or phrase that signals a group, with its weight and the words to show in a reason.</summary>
    private sealed record Cue(string GroupId, string[] Stems, double Weight, string Display);

    public WorkingGroupRouter(IWorkingGroupDirectory groups, IKnowledgeBase knowledge)
    {
        _groups = groups;
        _knowledge = knowledge;
        var keywordGroups = groups.All.SelectMany(g => g.Keywords.Select(k => (Stem: RoutingText.Stem(k.ToLowerInvariant()), g.Id)))
            .Distinct().GroupBy(x => x.Stem).ToDictionary(x => x.Key, x => x.Count());
        foreach (var group in groups.All)
        {
            // A word that signals several groups says less about each of them.
            foreach (var keyword in group.Keywords.Select(k => k.ToLowerInvariant()).Distinct())
            {
                var stem = RoutingText.Stem(keyword);
                _cues.Add(new Cue(group.Id, [stem], KeywordWeight / keywordGroups[stem], keyword));
            }
            foreach (var phrase in group.Phrases.Distinct())
                AddPhrase(group.Id, phrase, PhraseWeight);
            foreach (var member in group.Members.SelectMany(m => m.Split([" and ", ", "], StringSplitOptions.TrimEntries)))
                AddPhrase(group.Id, member, MemberWeight);
        }
    }

    private void AddPhrase(string groupId, string phrase, double weight)
    {
        var stems = RoutingText.Stems(phrase);
        if (stems.Length > 0) _cues.Add(new Cue(groupId, stems, stems.Length == 1 ? weight * 0.6 : weight, phrase.Trim()));
    }

    /// <param name="answer">What the knowledge base already found for the text, to avoid searching twice.</param>
    public RoutingResult Route(string text, string? profile = null, KnowledgeAnswer? answer = null)
    {
        text ??= "";
        var evidence = _groups.All.ToDictionary(g => g.Id, _ => new Evidence());
        Match(RoutingText.Stems(text), evidence, 1.0);
        if (!string.IsNullOrWhiteSpace(profile)) Match(RoutingText.Stems(profile), evidence, ProfileWeight, fromProfile: true);
        AddKnowledge(answer ?? _knowledge.Ask(text, 5), evidence);

        var total = evidence.Values.Sum(e => e.Total);
        var hasSignal = total > 0;
        var ranked = _groups.All
            .Select(g => new GroupScore(g, hasSignal ? Math.Round(evidence[g.Id].Total / total, 3) : 0.1, evidence[g.Id].Reason()) { Why = evidence[g.Id].Why() })
            .OrderByDescending(s => s.Score)
            .ThenBy(s => _groups.All.ToList().IndexOf(s.Group))
            .ToList();
        var twoFit = hasSignal && ranked[1].Score >= 0.6 * ranked[0].Score;
        return new RoutingResult(text, ranked, twoFit, hasSignal);
    }

    private void Match(string[] stems, Dictionary<string, Evidence> evidence, double factor, bool fromProfile = false)
    {
        if (stems.Length == 0) return;
        var positions = new Dictionary<string, List<int>>();
        for (var i = 0; i < stems.Length; i++)
        {
            if (!positions.TryGetValue(stems[i], out var list)) positions[stems[i]] = list = [];
            list.Add(i);
        }
        foreach (var cue in _cues)
        {
            if (!positions.TryGetValue(cue.Stems[0], out var starts)) continue;
            if (!starts.Any(s => Follows(stems, s, cue.Stems))) continue;
            evidence[cue.GroupId].Add(string.Join(" ", cue.Stems), cue.Display, cue.Weight * factor, fromProfile);
        }
    }

    private static bool Follows(string[] stems, int start, string[] cue)
    {
        if (start + cue.Length > stems.Length) return false;
        for (var j = 1; j < cue.Length; j++)
            if (stems[start + j] != cue[j]) return false;
        return true;
    }

    /// <summary>The groups of the papers that answer the text, weighted by rank and by how well they answer it.</summary>
    private static void AddKnowledge(KnowledgeAnswer answer, Dictionary<string, Evidence> evidence)
    {
        if (answer.Status != KnowledgeStatus.Ok || answer.Hits.Count == 0) return;
        for (var rank = 0; rank < answer.Hits.Count; rank++)
        {
            var groups = answer.Hits[rank].Passage.WorkingGroups;
            for (var i = 0; i < groups.Count; i++)
                if (evidence.TryGetValue(groups[i], out var e))
                    e.AddPapers(KnowledgeWeight * answer.Confidence * (i == 0 ? 1.0 : 0.4) / (rank + 1));
        }
    }

    private sealed class Evidence
    {
        private readonly Dictionary<string, (string Display, double Weight)> _cues = new(StringComparer.Ordinal);
        private double _papers;
        private bool _profile;

        public double Total => _cues.Values.Sum(c => c.Weight) + _papers;

        /// <summary>The same words (up to plural and spelling) count once, with their strongest weight.</summary>
        public void Add(string key, string display, double weight, bool fromProfile)
        {
            if (!_cues.TryGetValue(key, out var known) || known.Weight < weight) _cues[key] = (display, weight);
            _profile |= fromProfile;
        }

        public void AddPapers(double weight) => _papers += weight;

        public string Reason()
        {
            var parts = new List<string>();
            var top = Top();
            if (top.Count > 0) parts.Add((_profile ? "your profile or message mentions " : "mentions ") + Join(top));
            if (_papers > 0.3) parts.Add("the RAN papers that answer it come from this group");
            return parts.Count == 0 ? "no clear sign of this group" : string.Join("; ", parts);
        }

        public (IReadOnlyList<string>, bool, bool) Why() => (Top(), _profile, _papers > 0.3);

        private List<string> Top()
        {
            // Longer cues first: "probation officer" says more than "officer" inside it.
            var top = _cues.Values.OrderByDescending(c => c.Weight).ThenByDescending(c => c.Display.Length)
                .Select(c => c.Display).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return top.Where(d => !top.Any(other => other.Length > d.Length && other.Contains(d, StringComparison.OrdinalIgnoreCase)))
                .Take(3).Select(d => $"“{d}”").ToList();
        }

        private static string Join(List<string> items) =>
            items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
    }
}
