namespace Portico.SourceGenerator
{
    /// <summary>Names of the pipeline steps, for step-tracking tests.</summary>
    public static class TrackingNames
    {
        public const string SpecFiles = nameof(SpecFiles);
        public const string ReadSpec = nameof(ReadSpec);
        public const string ResolveReferences = nameof(ResolveReferences);
        public const string ParseSpec = nameof(ParseSpec);
        public const string Files = nameof(Files);
        public const string Templates = nameof(Templates);
        public const string Render = nameof(Render);
        public const string AttachOverlays = nameof(AttachOverlays);
    }
}
