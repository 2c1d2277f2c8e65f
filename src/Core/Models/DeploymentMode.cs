using System.Text.Json.Serialization;

namespace Serverless.Core.Models;

/// <summary>How a model's unversioned traffic is shared between its champion and its challenger.</summary>
public enum DeploymentMode
{
    /// <summary>The champion answers everything.</summary>
    [JsonStringEnumMemberName("single")]
    Single,

    /// <summary>The challenger answers <see cref="DeploymentState.ChallengerWeight"/> percent (reason <c>canary</c>).</summary>
    [JsonStringEnumMemberName("canary")]
    Canary,

    /// <summary>Two full deployments; the weight (usually 0 or 100) says which answers (reasons <c>blue</c>, <c>green</c>).</summary>
    [JsonStringEnumMemberName("blue-green")]
    BlueGreen,

    /// <summary>The champion answers everything; the challenger scores a copy of the weight's percent, off the response path.</summary>
    [JsonStringEnumMemberName("shadow")]
    Shadow,

    /// <summary>An experiment: variant A (champion) and B (challenger) by weight, sticky by routing key (reasons <c>ab:A</c>, <c>ab:B</c>).</summary>
    [JsonStringEnumMemberName("ab")]
    AB,
}
