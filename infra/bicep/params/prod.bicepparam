using '../main.bicep'

// Production: warm instances for the HTTP and Durable groups, a warm GPU replica, purge protection.
// Sizes follow docs/capacity.md; raise maximumInstanceCount only with the regional quota to match.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-ml-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'swedencentral')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = 'ServicePrincipal'
param functionKeysReady = bool(readEnvironmentVariable('FUNCTION_KEYS_READY', 'false'))

param alwaysReadyHttp = 2
param alwaysReadyDurable = 1
param maximumInstanceCount = 200
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 64

param gpuMinReplicas = 1
param gpuMaxReplicas = 4
param gpuServingImage = readEnvironmentVariable('GPU_SERVING_IMAGE', '')
param trainingImage = readEnvironmentVariable('TRAINING_IMAGE', '')

param alertEmails = empty(readEnvironmentVariable('ALERT_EMAIL', '')) ? [] : [readEnvironmentVariable('ALERT_EMAIL', '')]
param p95LatencyMs = 250
param errorRatePercent = 2
param outageMinutes = 10
param enablePurgeProtection = true
