# The training command (src/Training) for the Container Apps job. Build from the repository root:
#   docker build -f infra/docker/training.Dockerfile -t <registry>/training:<tag> .
# Run: az containerapp job start -n <job> -g <rg> --args "train --spec <spec.json> --out /tmp/out --register <url>"
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Core/ src/Core/
COPY src/Training/ src/Training/
RUN dotnet publish src/Training/Training.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
# LightGBM's native library needs OpenMP.
RUN apt-get update && apt-get install --yes --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["dotnet", "Serverless.Training.dll"]
