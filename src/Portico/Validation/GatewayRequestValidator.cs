namespace Portico.Validation
{
    /// <summary>
    /// The API Gateway request validator an operation is assigned (<c>x-amazon-apigateway-request-validator</c> on the
    /// operation, else the document's default), as declared in <c>x-amazon-apigateway-request-validators</c>.
    /// An operation without one is not validated by API Gateway at all.
    /// </summary>
    public sealed class GatewayRequestValidator
    {
        /// <summary>Describes a validator.</summary>
        /// <param name="name">Its name in <c>x-amazon-apigateway-request-validators</c>.</param>
        /// <param name="validateRequestBody">Whether the body is checked against the model of its content type.</param>
        /// <param name="validateRequestParameters">Whether required path, query and header parameters must be present and non-empty.</param>
        public GatewayRequestValidator(string name, bool validateRequestBody, bool validateRequestParameters)
        {
            Name = name;
            ValidateRequestBody = validateRequestBody;
            ValidateRequestParameters = validateRequestParameters;
        }

        /// <summary>The validator's name.</summary>
        public string Name { get; }

        /// <summary><c>validateRequestBody</c>.</summary>
        public bool ValidateRequestBody { get; }

        /// <summary><c>validateRequestParameters</c>.</summary>
        public bool ValidateRequestParameters { get; }

        /// <inheritdoc />
        public override string ToString() => Name + " (body: " + (ValidateRequestBody ? "yes" : "no") + ", parameters: " + (ValidateRequestParameters ? "yes" : "no") + ")";
    }
}
