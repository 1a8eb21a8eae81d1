using Microsoft.Extensions.Logging;

namespace ApigGen.Runtime.Tests.Infrastructure;

/// <summary>An <see cref="ILoggerFactory"/> over one provider, without taking Microsoft.Extensions.Logging itself.</summary>
public sealed class ProviderFactory(ILoggerProvider provider) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
