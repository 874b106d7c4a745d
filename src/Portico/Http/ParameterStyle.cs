namespace Portico.Http
{
    /// <summary>OpenAPI parameter serialization styles.</summary>
    public enum ParameterStyle
    {
        /// <summary><c>form</c>: <c>id=3,4</c> or <c>id=3&amp;id=4</c>.</summary>
        Form,
        /// <summary><c>simple</c>: <c>3,4</c>.</summary>
        Simple,
        /// <summary><c>label</c>: <c>.3.4</c>.</summary>
        Label,
        /// <summary><c>matrix</c>: <c>;id=3,4</c>.</summary>
        Matrix,
        /// <summary><c>spaceDelimited</c>: <c>id=3%204</c>.</summary>
        SpaceDelimited,
        /// <summary><c>pipeDelimited</c>: <c>id=3|4</c>.</summary>
        PipeDelimited,
        /// <summary><c>deepObject</c>: <c>id[role]=admin</c>.</summary>
        DeepObject,
    }
}
