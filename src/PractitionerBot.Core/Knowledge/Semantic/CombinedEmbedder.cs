namespace PractitionerBot.Knowledge.Semantic;

/// <summary>
/// Two models read each text: its vector is both models' unit vectors side by side, each scaled by 1/√2, so it has unit
/// length again and the dot product of two such vectors is the mean of the two models' cosines. Two small models that
/// were trained differently err on different questions; the exact search, the store and the answer rule need no change.
/// </summary>
public sealed class CombinedEmbedder(ITextEmbedder first, ITextEmbedder second) : ITextEmbedder
{
    private static readonly float Scale = (float)(1 / Math.Sqrt(2));

    public string ModelId { get; } = $"{first.ModelId}+{second.ModelId}";

    public int Dimensions { get; } = first.Dimensions + second.Dimensions;

    /// <summary>
    /// The two models side by side: the second is offered to the thread pool while this thread runs the first, and run here
    /// if no pool thread has taken it by then. A member waits for the slower model rather than both, and a busy pool (a bot
    /// under load, every thread in a turn) only makes the question as slow as one after the other, never stuck.
    /// </summary>
    public float[] EmbedQuery(string question)
    {
        var other = new SharedWork(() => second.EmbedQuery(question));
        ThreadPool.UnsafeQueueUserWorkItem(static w => w.Run(), other, preferLocal: false);
        var own = first.EmbedQuery(question);
        return Join(own, other.RunOrWait());
    }

    public float[] EmbedPassage(string text) => Join(first.EmbedPassage(text), second.EmbedPassage(text));

    /// <summary>Work that runs once, on whichever thread comes first; the other waits for its result.</summary>
    private sealed class SharedWork(Func<float[]> work)
    {
        private readonly TaskCompletionSource<float[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public void Run()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            try
            {
                _done.SetResult(work());
            }
            catch (Exception ex)
            {
                _done.SetException(ex);
            }
        }

        public float[] RunOrWait()
        {
            Run();
            return _done.Task.GetAwaiter().GetResult();
        }
    }

    private static float[] Join(float[] a, float[] b)
    {
        var joined = new float[a.Length + b.Length];
        for (var i = 0; i < a.Length; i++) joined[i] = a[i] * Scale;
        for (var i = 0; i < b.Length; i++) joined[a.Length + i] = b[i] * Scale;
        return joined;
    }
}
