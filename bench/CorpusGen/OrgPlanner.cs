using System.Globalization;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// Plans an organization's day of CloudTrail management events (--accounts, --regions): which accounts exist, what
/// kind each is, and for each account what its trail records per region and hour. Every figure is stated in
/// bench/README.md ("An organization's day"); the same seed always gives the same plan.
/// </summary>
internal static class OrgPlanner
{
    public static readonly DateTime Day = new(2026, 10, 17, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>CloudTrail records the calls of global services (IAM, console sign-in through the global endpoint) here.</summary>
    public const string GlobalRegion = "us-east-1";

    /// <summary>Share of an account's regional calls made in its home region (the rest is spread over the other regions).</summary>
    public const double HomeShare = 0.7;

    /// <summary>Share of accounts whose workload runs in the second region listed rather than the first.</summary>
    public const double SecondHomeShare = 0.2;

    /// <summary>Share of console sign-ins recorded in us-east-1 (the global sign-in endpoint); the rest in the home region.</summary>
    public const double GlobalSignInShare = 0.8;

    /// <summary>People sign in and CI applies changes between 07:00 and 19:00 UTC; services call all day.</summary>
    public const int WorkStartHour = 7, WorkHours = 12;

    private static readonly EventKindSpec SecurityGroupIngressPrivate = Risky("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", "private");
    private static readonly EventKindSpec SecurityGroupIngressWorld = Risky("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", "world");
    private static readonly EventKindSpec CreateSecurityGroup = Risky("CreateSecurityGroup", "ec2.amazonaws.com");
    private static readonly EventKindSpec CreateRoute = Risky("CreateRoute", "ec2.amazonaws.com");
    private static readonly EventKindSpec PutBucketPolicy = Risky("PutBucketPolicy", "s3.amazonaws.com");
    private static readonly EventKindSpec ConsoleLogin = Risky("ConsoleLogin", "signin.amazonaws.com", "success");
    private static readonly EventKindSpec[] CiIamChanges = [Risky("PutRolePolicy", "iam.amazonaws.com"), Risky("AttachRolePolicy", "iam.amazonaws.com"), Risky("CreateRole", "iam.amazonaws.com")];
    private static readonly double[] CiIamChangeOdds = [0.3, 0.2, 0.1];
    private static readonly EventKindSpec[] PersonIamChanges =
        [Risky("CreateAccessKey", "iam.amazonaws.com"), Risky("AttachUserPolicy", "iam.amazonaws.com"), Risky("CreateUser", "iam.amazonaws.com"), Risky("PutUserPolicy", "iam.amazonaws.com")];

    // GuardDuty's own severities: most findings an organization sees are low-severity probes of public instances.
    private static readonly (string Type, double Severity, bool OnInstance, int Weight)[] FindingTypes =
    [
        ("Recon:EC2/PortProbeUnprotectedPort", 2, true, 40),
        ("UnauthorizedAccess:EC2/SSHBruteForce", 2, true, 20),
        ("Recon:IAMUser/MaliciousIPCaller", 5, false, 10),
        ("Discovery:S3/AnomalousBehavior", 5, false, 10),
        ("Policy:IAMUser/RootCredentialUsage", 2, false, 5),
        ("UnauthorizedAccess:EC2/TorClient", 5, true, 5),
        ("CryptoCurrency:EC2/BitcoinTool.B!DNS", 8, true, 5),
        ("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8, false, 5),
    ];

    /// <summary>The regional and global-service (IAM: recorded in us-east-1) calls of the noise.</summary>
    public static readonly WeightedPick RegionalNoise = new(EventCatalog.ManagementNoise.Where(n => n.Source != "iam.amazonaws.com"));

    public static readonly WeightedPick GlobalNoise = new(EventCatalog.ManagementNoise.Where(n => n.Source == "iam.amazonaws.com"));

    /// <summary>Share of noise that is global-service calls, from the noise weights.</summary>
    public static double GlobalShare => (double)GlobalNoise.TotalWeight / (GlobalNoise.TotalWeight + RegionalNoise.TotalWeight);

    /// <summary>
    /// <paramref name="count"/> accounts with distinct 12-digit ids; <see cref="AccountProfile.Share"/> of them of each
    /// kind (rounded; the rest sandboxes), in an order drawn from the seed.
    /// </summary>
    public static IReadOnlyList<OrgAccount> Accounts(int count, IReadOnlyList<string> regions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(Mix(seed, 0, 0));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        while (list.Count < count)
        {
            var id = random.NextInt64(100_000_000_000L, 1_000_000_000_000L).ToString(CultureInfo.InvariantCulture);
            if (ids.Add(id))
            {
                list.Add(id);
            }
        }

        var profiles = new List<AccountProfile>();
        foreach (var profile in AccountProfile.All[..^1])
        {
            profiles.AddRange(Enumerable.Repeat(profile, (int)Math.Round(count * profile.Share, MidpointRounding.AwayFromZero)));
        }

        profiles.AddRange(Enumerable.Repeat(AccountProfile.All[^1], count - profiles.Count));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(profiles));
        return [.. list.Select((id, i) => new OrgAccount(i, id, profiles[i], regions.Count > 1 && random.NextDouble() < SecondHomeShare ? regions[1] : regions[0]))];
    }

    /// <summary>The day of one account; <paramref name="volume"/> scales its noise (1: the profile's figure).</summary>
    public static AccountDay Plan(OrgAccount account, IReadOnlyList<string> regions, int seed, double volume = 1)
    {
        var random = new Random(Mix(seed, account.Index, 1));
        var p = account.Profile;
        var total = (int)Math.Round(p.EventsPerDay * volume * (0.85 + (0.3 * random.NextDouble())));
        var global = (int)Math.Round(total * GlobalShare);
        var regional = total - global;
        var others = regions.Where(r => r != account.HomeRegion).ToList();
        var regionalNoise = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var globalNoise = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var home = others.Count == 0 ? regional : (int)Math.Round(regional * HomeShare);
        foreach (var region in regions)
        {
            var n = region == account.HomeRegion ? home : (regional - home) / others.Count + (others.IndexOf(region) < (regional - home) % Math.Max(1, others.Count) ? 1 : 0);
            regionalNoise[region] = Hours(n, random);
            globalNoise[region] = Hours(region == GlobalRegion ? global : 0, random);
        }

        var risky = new List<RiskyCall>();
        for (var a = Poisson(p.AppliesPerDay, random); a > 0; a--)
        {
            var t = WorkTime(random);
            void Add(EventKindSpec spec, string region, string kind)
            {
                risky.Add(new RiskyCall(t, region, spec, "ci", kind));
                t = t.AddSeconds(random.Next(2, 20));
            }

            if (random.NextDouble() < 0.25)
            {
                Add(CreateSecurityGroup, account.HomeRegion, "security-group-created");
            }

            for (var k = random.Next(1, 7); k > 0; k--)
            {
                var world = random.NextDouble() < 0.05;
                Add(world ? SecurityGroupIngressWorld : SecurityGroupIngressPrivate, account.HomeRegion, world ? "security-group-ingress-world" : "security-group-ingress-private");
            }

            if (random.NextDouble() < 0.1)
            {
                Add(CreateRoute, account.HomeRegion, "route-created");
            }

            for (var i = 0; i < CiIamChanges.Length; i++)
            {
                if (random.NextDouble() < CiIamChangeOdds[i])
                {
                    Add(CiIamChanges[i], GlobalRegion, "iam-change-by-ci");
                }
            }

            if (random.NextDouble() < 0.1)
            {
                Add(PutBucketPolicy, account.HomeRegion, "bucket-policy-by-ci");
            }
        }

        var people = Math.Min(p.People, 12);
        for (var person = 0; person < people; person++)
        {
            for (var s = Poisson(p.SignInsPerPerson, random); s > 0; s--)
            {
                var region = random.NextDouble() < GlobalSignInShare ? GlobalRegion : account.HomeRegion;
                risky.Add(new RiskyCall(WorkTime(random), region, ConsoleLogin, "person:" + person.ToString(CultureInfo.InvariantCulture), "console-sign-in"));
            }
        }

        for (var c = Poisson(p.IamChangesPerDay, random); c > 0; c--)
        {
            var person = random.Next(Math.Max(1, people));
            risky.Add(new RiskyCall(WorkTime(random), GlobalRegion, PersonIamChanges[random.Next(PersonIamChanges.Length)], "person:" + person.ToString(CultureInfo.InvariantCulture), "iam-change-by-person"));
        }

        var findings = new List<GuardDutyFindingPlan>();
        var findingWeights = FindingTypes.Sum(f => f.Weight);
        for (var f = Poisson(p.FindingsPerDay, random); f > 0; f--)
        {
            var r = random.Next(findingWeights);
            var type = FindingTypes.First(x => (r -= x.Weight) < 0);
            var region = random.NextDouble() < 0.8 ? account.HomeRegion : regions[random.Next(regions.Count)];
            findings.Add(new GuardDutyFindingPlan(Day.AddMilliseconds(random.Next(86_400_000)), region, type.Type, type.Severity, type.OnInstance));
        }

        return new AccountDay(account, regionalNoise, globalNoise, risky, findings);
    }

    /// <summary>A seed for one purpose of one account, stable across runs and platforms.</summary>
    public static int Mix(int seed, int account, int purpose) => unchecked((seed * 1_000_003) + (account * 7_919) + (purpose * 104_729)) & 0x7fffffff;

    private static EventKindSpec Risky(string name, string source, string? variant = null) => new(name, source, 1, false, false, true, variant);

    private static DateTime WorkTime(Random random) => Day.AddHours(WorkStartHour).AddMilliseconds(random.Next(WorkHours * 3_600_000));

    // Services call around the clock: the same number each hour, the remainder in hours drawn at random.
    private static int[] Hours(int n, Random random)
    {
        var hours = new int[24];
        Array.Fill(hours, n / 24);
        for (var r = n % 24; r > 0; r--)
        {
            hours[random.Next(24)]++;
        }

        return hours;
    }

    // Knuth's method: fine for the small rates here (at most a dozen a day).
    private static int Poisson(double rate, Random random)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            k++;
        }

        return k;
    }
}
