using '../main.bicep'

// Development: scale to zero everywhere, smallest limits, vault deletable. Values that differ per run
// (who deploys, image tags, whether the code is deployed yet) come from the pipeline's environment.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-ml-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'swedencentral')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = 'ServicePrincipal'
param functionKeysReady = bool(readEnvironmentVariable('FUNCTION_KEYS_READY', 'false'))

param alwaysReadyHttp = 0
param alwaysReadyDurable = 0
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 16

param gpuMinReplicas = 0
param gpuMaxReplicas = 1
param gpuServingImage = readEnvironmentVariable('GPU_SERVING_IMAGE', '')
param trainingImage = readEnvironmentVariable('TRAINING_IMAGE', '')

param alertEmails = empty(readEnvironmentVariable('ALERT_EMAIL', '')) ? [] : [readEnvironmentVariable('ALERT_EMAIL', '')]
param p95LatencyMs = 500
param enablePurgeProtection = false
