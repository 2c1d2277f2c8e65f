using '../main.bicep'

// Staging: production's shape at a fraction of its size; one warm HTTP instance so the smoke test measures warm latency.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-ml-staging')
param location = readEnvironmentVariable('AZURE_LOCATION', 'swedencentral')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = 'ServicePrincipal'
param functionKeysReady = bool(readEnvironmentVariable('FUNCTION_KEYS_READY', 'false'))

param alwaysReadyHttp = 1
param alwaysReadyDurable = 0
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 32

param gpuMinReplicas = 0
param gpuMaxReplicas = 2
param gpuServingImage = readEnvironmentVariable('GPU_SERVING_IMAGE', '')
param trainingImage = readEnvironmentVariable('TRAINING_IMAGE', '')

param alertEmails = empty(readEnvironmentVariable('ALERT_EMAIL', '')) ? [] : [readEnvironmentVariable('ALERT_EMAIL', '')]
param p95LatencyMs = 250
param enablePurgeProtection = true
