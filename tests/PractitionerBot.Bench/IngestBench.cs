using System.Diagnostics;
using System.Globalization;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Tests.Knowledge.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static PractitionerBot.Bench.BenchSupport;

namespace PractitionerBot.Bench;

/// <summary>
/// Ingestion of the generated paper PDFs (the tests' fixtures: PdfPig's builder in five layouts, a
/// 300-page handbook, and LibreOffice's PDFs when soffice is installed): pages per second and
/// passages per paper through the layout-aware reader, against the former reader (PdfPig's content
/// order text, one section per page) on the same files in the same run.
/// </summary>
internal static class IngestBench
{
    private const string Start = "<!-- bench:ingest:start -->";
    private const string End = "<!-- bench:ingest:end -->";

    public static async Task<int> RunAsync(string[] args)
    {
        var repeat = int.Parse(Option(args, "--repeat") ?? "3", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("practitionerbot-ingest-").FullName;
        try
        {
            var files = new List<(string Name, string Path)>();
            foreach (var style in PaperStyle.All)
                files.Add(Write(folder, "pdfpig-" + style.Name, PaperPdfWriter.Write(RanPapers.Liaison(), style)));
            files.Add(Write(folder, "pdfpig-handbook", PaperPdfWriter.Write(RanPapers.Handbook(chapters: 620), PaperStyle.All[1])));
            if (PaperOdtWriter.SkipReason is { } reason) Console.Error.WriteLine($"LibreOffice fixtures left out: {reason}");
            else
                foreach (var style in OdtStyle.All)
                    files.Add(("libreoffice-" + style.Name, Path.Combine(folder, style.Name + ".pdf")));
            if (PaperOdtWriter.SkipReason is null)
                foreach (var style in OdtStyle.All) await PaperOdtWriter.ToPdfAsync(RanPapers.Liaison(rotaParagraphs: 24), style, folder);

            var loader = new CorpusLoader(new HashSet<string>());
            var splitter = new PassageSplitter();
            var rows = new List<string>();
            double pagesAll = 0, layoutAll = 0, baselineAll = 0;
            loader.Load(files[0].Path); // warm-up: JIT and PdfPig's font tables
            foreach (var (name, path) in files)
            {
                int pages;
                using (var pdf = PdfDocument.Open(path)) pages = pdf.NumberOfPages;
                var passages = 0;
                var layout = Best(repeat, () => passages = splitter.Split(loader.Load(path).Documents.Single()).Count);
                var baseline = Best(repeat, () =>
                {
                    using var pdf = PdfDocument.Open(path);
                    foreach (var page in pdf.GetPages()) ContentOrderTextExtractor.GetText(page);
                });
                pagesAll += pages;
                layoutAll += layout;
                baselineAll += baseline;
                rows.Add($"| {name} | {pages} | {passages} | {layout * 1000:F0} | {pages / layout:F1} | {pages / baseline:F1} |");
                Console.Error.WriteLine(rows[^1]);
            }
            var table = "| fixture | pages | passages | layout-aware read, ms | pages/s | baseline pages/s |\n|---|---|---|---|---|---|\n"
                + string.Join('\n', rows)
                + $"\n| **all** | {pagesAll} | | {layoutAll * 1000:F0} | **{pagesAll / layoutAll:F1}** | {pagesAll / baselineAll:F1} |\n";
            var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores shared with other builds (load average {LoadAverage()}), "
                + $".NET {Environment.Version}, best of {repeat}. Read = open, layout, structure and passages of one file; baseline = PdfPig's content-order text of every page (the former reader).\n\n"
                + table + End;
            Console.WriteLine(table);
            if (Option(args, "--out") is { } output) WriteSection(output, Start, End, section);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (string, string) Write(string folder, string name, byte[] pdf)
    {
        var path = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(path, pdf);
        return (name, path);
    }

    private static double Best(int repeat, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
