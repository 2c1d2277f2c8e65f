// The Bicep CLI restored here is the linux-x64 package; these tests run on Linux (CI and the build machines).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
