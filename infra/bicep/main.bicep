targetScope = 'subscription'

metadata description = 'Serverless ML on Azure: Functions (Flex Consumption) + Durable Functions + Container Apps (GPU serving, training job), keyless throughout. One resource group per environment.'

@minLength(1)
@maxLength(64)
@description('Environment name (azd: AZURE_ENV_NAME); names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every regional resource.')
param location string

@description('Who deploys (azd: your user; the pipeline: its federated service principal). Gets package upload and image push only.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('True once the function app\'s code is deployed: its host keys then exist for the Event Grid and alert webhooks (azure.yaml\'s postdeploy hook and the pipeline set it).')
param functionKeysReady bool = false

// Functions (Flex Consumption): docs/capacity.md derives these from the target load.
@minValue(0)
param alwaysReadyHttp int = 0
@minValue(0)
param alwaysReadyDurable int = 0
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Durable task hub (letters and digits); the same name in host.json (%DurableTaskHubName%) and the pre-created queues and tables.')
param taskHubName string = 'serverlessml'

// GPU serving.
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'
@minValue(0)
param gpuMinReplicas int = 0
@minValue(1)
param gpuMaxReplicas int = 2
@minValue(1)
param gpuConcurrentRequestsPerReplica int = 64
param gpuServingImage string = ''

// Training job.
param trainingImage string = ''
param trainingCpu string = '4'
param trainingMemory string = '8Gi'
param trainingTimeoutSeconds int = 7200

// Alerts.
param alertEmails string[] = []
param monitoredModels string[] = ['churn']
param p95LatencyMs int = 250
param errorRatePercent int = 5
param outageMinutes int = 15
param driftThreshold string = '0.25'

// Secrets: empty leaves the stored secret as it is. Never put a value in a parameter file (docs/runbook.md#rotate-keys).
@secure()
param approvalSigningKey string = ''
@secure()
param smtpPassword string = ''
@secure()
@description('Shared key between the function app and the GPU app (x-gpu-key). Empty keeps the stored secret.')
param gpuServingKey string = ''

@description('Object id of the service principal of the Entra app used for ACS SMTP (docs/runbook.md); empty until it exists.')
param smtpPrincipalId string = ''
@description('Application (client) id of that Entra app: it names the SMTP user. Empty: no mail is sent, approval links are logged.')
param smtpClientId string = ''

@description('Geography ACS keeps email data in.')
param emailDataLocation string = 'Europe'

param enablePurgeProtection bool = true

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, system: 'serverless-ml' }

// The local defaults are the Azure defaults: one source for names (containers, tables) and limits.
var defaults = loadJsonContent('../../local.settings.sample.json').Values
var hub = toLower(taskHubName)
// The task hub's partition count is host.json's: the control queues created here are the ones the host uses.
var partitionCount = loadJsonContent('../../host.json').extensions.durableTask.storageProvider.partitionCount
var deploymentContainer = 'app-package-${token}'
var secretNames = { approvalSigningKey: 'approval-signing-key', smtpPassword: 'smtp-password', gpuServingKey: 'gpu-serving-key' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module functionIdentity 'modules/identity.bicep' = {
  scope: rg
  params: { name: 'id-func-${token}', location: location, tags: tags }
}

module gpuIdentity 'modules/identity.bicep' = {
  scope: rg
  params: { name: 'id-gpu-${token}', location: location, tags: tags }
}

module trainingIdentity 'modules/identity.bicep' = {
  scope: rg
  params: { name: 'id-train-${token}', location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    containers: [
      defaults.Registry__Container
      defaults.Batch__InputContainer
      defaults.Batch__OutputContainer
      defaults.Batch__ReceiptContainer
      defaults.Batch__JobContainer
      defaults.TrainingWorkflow__SnapshotContainer
      defaults.Monitoring__Feedback__Container
      deploymentContainer
      '${hub}-leases'
      '${hub}-applease'
      '${hub}-appleaseinfo'
      '${hub}-largemessages'
    ]
    // DTFx's Azure Storage layout (docs/durable.md): a control queue per partition, one work-item queue.
    queues: concat(map(range(0, partitionCount), i => '${hub}-control-${padLeft(i, 2, '0')}'), ['${hub}-workitems'])
    tables: [
      '${taskHubName}History'
      '${taskHubName}Instances'
      '${taskHubName}Partitions'
      defaults.Monitoring__WindowTable
      defaults.Monitoring__PredictionLog__Table
      defaults.Monitoring__Feedback__Table
      defaults.Approvals__DecisionTable
      defaults.Monitoring__Drift__Table
      defaults.Monitoring__Review__Table
      defaults.Rollout__AuditTable
    ]
  }
}

// Training data lives apart: only the training job's identity has a data role on this account (rbac.bicep).
module trainingStorage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: 'sttrain${token}'
    location: location
    tags: tags
    containers: ['training-data']
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    workbookDisplayName: 'Serverless ML per version (${environmentName})'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  scope: rg
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    enablePurgeProtection: enablePurgeProtection
    approvalSigningKey: approvalSigningKey
    smtpPassword: smtpPassword
    gpuServingKey: gpuServingKey
    secretNames: secretNames
  }
}

module email 'modules/email.bicep' = {
  scope: rg
  params: {
    emailServiceName: 'ecs-${token}'
    communicationServiceName: 'acs-${token}'
    tags: tags
    dataLocation: emailDataLocation
  }
}

module registry 'modules/registry.bicep' = {
  scope: rg
  params: { name: 'cr${token}', location: location, tags: tags }
}

module functionApp 'modules/functionApp.bicep' = {
  scope: rg
  params: {
    name: 'func-${token}'
    planName: 'plan-${token}'
    location: location
    tags: tags
    identityId: functionIdentity.outputs.id
    deploymentBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    alwaysReadyHttp: alwaysReadyHttp
    alwaysReadyDurable: alwaysReadyDurable
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    // Every setting the code reads (local.settings.sample.json), and only those; tests/Infra.Tests enforces both.
    appSettings: {
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: functionIdentity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${functionIdentity.outputs.clientId};Authorization=AAD'
      // Azure Monitor is the exporter in Azure; OTLP stays off.
      OTEL_EXPORTER_OTLP_ENDPOINT: ''
      DurableTaskHubName: taskHubName
      Registry__Container: defaults.Registry__Container
      Registry__MaxModelBytes: defaults.Registry__MaxModelBytes
      Scoring__MaxRecordsPerRequest: defaults.Scoring__MaxRecordsPerRequest
      Scoring__MaxRequestBytes: defaults.Scoring__MaxRequestBytes
      Scoring__DeploymentRefreshInterval: defaults.Scoring__DeploymentRefreshInterval
      Scoring__IdleSessionTimeout: defaults.Scoring__IdleSessionTimeout
      Scoring__IntraOpThreads: defaults.Scoring__IntraOpThreads
      Batch__InputContainer: defaults.Batch__InputContainer
      Batch__OutputContainer: defaults.Batch__OutputContainer
      Batch__ReceiptContainer: defaults.Batch__ReceiptContainer
      Batch__JobContainer: defaults.Batch__JobContainer
      Batch__BatchSize: defaults.Batch__BatchSize
      Batch__PipelineDepth: defaults.Batch__PipelineDepth
      Batch__BlockSizeBytes: defaults.Batch__BlockSizeBytes
      Batch__ClaimSeconds: defaults.Batch__ClaimSeconds
      Batch__ProgressInterval: defaults.Batch__ProgressInterval
      Batch__MaxRecordBytes: defaults.Batch__MaxRecordBytes
      Monitoring__Enabled: defaults.Monitoring__Enabled
      Monitoring__WindowTable: defaults.Monitoring__WindowTable
      // The deployment control plane's audit log (promote, rollback, traffic, refusals, alerts).
      Rollout__AuditTable: defaults.Rollout__AuditTable
      // Staged rollouts: default plans, health thresholds; a model's own plan is Rollout__Plans__{model}__* (docs/rollout.md).
      Rollout__DefaultStrategy: defaults.Rollout__DefaultStrategy
      Rollout__Canary__Strategy: defaults.Rollout__Canary__Strategy
      Rollout__Canary__Steps: defaults.Rollout__Canary__Steps
      Rollout__Canary__Bake: defaults.Rollout__Canary__Bake
      Rollout__Canary__Shadow: defaults.Rollout__Canary__Shadow
      Rollout__Canary__ShadowPercent: defaults.Rollout__Canary__ShadowPercent
      Rollout__Canary__MaxExtensions: defaults.Rollout__Canary__MaxExtensions
      Rollout__BlueGreen__Strategy: defaults.Rollout__BlueGreen__Strategy
      Rollout__BlueGreen__Steps: defaults.Rollout__BlueGreen__Steps
      Rollout__BlueGreen__Bake: defaults.Rollout__BlueGreen__Bake
      Rollout__BlueGreen__Shadow: defaults.Rollout__BlueGreen__Shadow
      Rollout__BlueGreen__ShadowPercent: defaults.Rollout__BlueGreen__ShadowPercent
      Rollout__BlueGreen__MaxExtensions: defaults.Rollout__BlueGreen__MaxExtensions
      Rollout__Plans: defaults.Rollout__Plans
      Rollout__Health__MinRequests: defaults.Rollout__Health__MinRequests
      Rollout__Health__MaxErrorRateIncrease: defaults.Rollout__Health__MaxErrorRateIncrease
      Rollout__Health__MaxLatencyRatio: defaults.Rollout__Health__MaxLatencyRatio
      Rollout__Health__LatencySlackMilliseconds: defaults.Rollout__Health__LatencySlackMilliseconds
      Rollout__Health__MaxScorePsi: defaults.Rollout__Health__MaxScorePsi
      Rollout__Health__MinLabels: defaults.Rollout__Health__MinLabels
      Rollout__Health__MaxAccuracyDrop: defaults.Rollout__Health__MaxAccuracyDrop
      Rollout__Health__MaxRmseIncrease: defaults.Rollout__Health__MaxRmseIncrease
      Rollout__Health__Baseline: defaults.Rollout__Health__Baseline
      Monitoring__FlushInterval: defaults.Monitoring__FlushInterval
      // Empty: each instance names itself (machine, process, random suffix), so window rows never collide.
      Monitoring__InstanceId: defaults.Monitoring__InstanceId
      // OIP infer requests of "serving": "gpu" versions are forwarded to the GPU container app (docs/gpu-serving.md).
      GpuForwarding__BaseUrl: gpuServing.outputs.url
      // The GPU app's ingress is public; it answers only requests carrying this key (docs/gpu-serving.md#access).
      GpuForwarding__Key: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${secretNames.gpuServingKey})'
      GpuForwarding__Timeout: defaults.GpuForwarding__Timeout
      GpuForwarding__AttemptTimeout: defaults.GpuForwarding__AttemptTimeout
      GpuForwarding__MaxRetries: defaults.GpuForwarding__MaxRetries
      GpuForwarding__FailureRatio: defaults.GpuForwarding__FailureRatio
      GpuForwarding__MinimumThroughput: defaults.GpuForwarding__MinimumThroughput
      GpuForwarding__SamplingDuration: defaults.GpuForwarding__SamplingDuration
      GpuForwarding__BreakDuration: defaults.GpuForwarding__BreakDuration
      // The cost rule: OIP requests with at least this many rows go to the GPU app even for CPU models (0 = off).
      GpuForwarding__MinRowsForGpu: defaults.GpuForwarding__MinRowsForGpu
      Monitoring__Drift__Warn: defaults.Monitoring__Drift__Warn
      Monitoring__Drift__Act: defaults.Monitoring__Drift__Act
      Monitoring__Drift__MinimumRows: defaults.Monitoring__Drift__MinimumRows
      Monitoring__Drift__Window: defaults.Monitoring__Drift__Window
      Monitoring__Drift__Interval: defaults.Monitoring__Drift__Interval
      Monitoring__Drift__Cooldown: defaults.Monitoring__Drift__Cooldown
      Monitoring__Drift__Policy: defaults.Monitoring__Drift__Policy
      Monitoring__Drift__RetrainOrchestration: defaults.Monitoring__Drift__RetrainOrchestration
      Monitoring__Drift__Table: defaults.Monitoring__Drift__Table
      // The DriftMonitor timer trigger's NCRONTAB schedule (the local host uses Monitoring__Drift__Interval).
      DriftSchedule: defaults.DriftSchedule
      // Training runs as a workflow on the function app (POST /api/models/{name}/train, docs/training.md).
      Training__MaxRows: defaults.Training__MaxRows
      Training__MaxDataBytes: defaults.Training__MaxDataBytes
      TrainingWorkflow__SnapshotContainer: defaults.TrainingWorkflow__SnapshotContainer
      Monitoring__PredictionLog__Enabled: defaults.Monitoring__PredictionLog__Enabled
      Monitoring__PredictionLog__Table: defaults.Monitoring__PredictionLog__Table
      Monitoring__PredictionLog__SampleRate: defaults.Monitoring__PredictionLog__SampleRate
      Monitoring__PredictionLog__Retention: defaults.Monitoring__PredictionLog__Retention
      Monitoring__PredictionLog__PurgeInterval: defaults.Monitoring__PredictionLog__PurgeInterval
      Monitoring__PredictionLog__QueueCapacity: defaults.Monitoring__PredictionLog__QueueCapacity
      Monitoring__PredictionLog__MaxRowsPerSecond: defaults.Monitoring__PredictionLog__MaxRowsPerSecond
      Monitoring__PredictionLog__StoreInputs: defaults.Monitoring__PredictionLog__StoreInputs
      Monitoring__Feedback__Table: defaults.Monitoring__Feedback__Table
      Monitoring__Feedback__Container: defaults.Monitoring__Feedback__Container
      Monitoring__Feedback__MaxRequestBytes: defaults.Monitoring__Feedback__MaxRequestBytes
      Monitoring__Feedback__MaxLabelsPerRequest: defaults.Monitoring__Feedback__MaxLabelsPerRequest
      Monitoring__Feedback__MaxBulkLabels: defaults.Monitoring__Feedback__MaxBulkLabels
      Monitoring__Feedback__MaxReportRows: defaults.Monitoring__Feedback__MaxReportRows
      Monitoring__Review__Table: defaults.Monitoring__Review__Table
      Monitoring__Review__DefaultThreshold: defaults.Monitoring__Review__DefaultThreshold
      Monitoring__Review__StoreInputs: defaults.Monitoring__Review__StoreInputs
      // Approval links: signed with the Key Vault secret (no key file in Azure: every instance must share the key).
      Approvals__SigningKey: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${secretNames.approvalSigningKey})'
      Approvals__SigningKeyFile: ''
      Approvals__DecisionTable: defaults.Approvals__DecisionTable
      Approvals__PublicBaseUrl: 'https://func-${token}.azurewebsites.net'
      // Who approves what, per model (docs/approvals.md#approval-policy): read by retrain and rollout alike.
      Approvals__Default__Approvers: defaults.Approvals__Default__Approvers
      Approvals__Default__RequiredApprovals: defaults.Approvals__Default__RequiredApprovals
      Approvals__Default__Timeout: defaults.Approvals__Default__Timeout
      Approvals__Default__ApproveStart: defaults.Approvals__Default__ApproveStart
      Approvals__Default__ApproveSteps: defaults.Approvals__Default__ApproveSteps
      Approvals__Models: defaults.Approvals__Models
      // Approval mail through Azure Communication Services' SMTP relay, as the Entra app (docs/runbook.md).
      Email__Host: empty(smtpClientId) ? '' : 'smtp.azurecomm.net'
      Email__Port: '587'
      Email__Security: 'StartTls'
      Email__UserName: empty(smtpClientId) ? '' : '${email.outputs.communicationServiceName}.${smtpClientId}.${tenant().tenantId}'
      Email__Password: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${secretNames.smtpPassword})'
      Email__From: email.outputs.senderAddress
      Email__Timeout: defaults.Email__Timeout
      // Validation gates: the task defaults (docs/approvals.md, Validation gates).
      Validation__Classification__Minimums__auc: defaults.Validation__Classification__Minimums__auc
      Validation__Classification__Minimums__accuracy: defaults.Validation__Classification__Minimums__accuracy
      Validation__Classification__Maximums__calibrationError: defaults.Validation__Classification__Maximums__calibrationError
      Validation__Classification__Tolerance: defaults.Validation__Classification__Tolerance
      Validation__Classification__LatencyBudget: defaults.Validation__Classification__LatencyBudget
      Validation__Classification__MinScoreSpread: defaults.Validation__Classification__MinScoreSpread
      Validation__Regression__Minimums__r2: defaults.Validation__Regression__Minimums__r2
      Validation__Regression__Maximums: defaults.Validation__Regression__Maximums
      Validation__Regression__Tolerance: defaults.Validation__Regression__Tolerance
      Validation__Regression__LatencyBudget: defaults.Validation__Regression__LatencyBudget
      Validation__Regression__MinScoreSpread: defaults.Validation__Regression__MinScoreSpread
      Validation__LatencySamples: defaults.Validation__LatencySamples
      Validation__SampleRows: defaults.Validation__SampleRows
      // Retrain workflow (docs/retrain.md): gates per model, the models the RetrainSchedule timer retrains.
      Retrain__Models: defaults.Retrain__Models
      Retrain__ScheduledModels: defaults.Retrain__ScheduledModels
      Retrain__Interval: defaults.Retrain__Interval
      // The RetrainSchedule timer trigger's NCRONTAB schedule (the local host uses Retrain__Interval).
      RetrainSchedule: defaults.RetrainSchedule
    }
  }
}

module containerEnvironment 'modules/containerEnvironment.bicep' = {
  scope: rg
  params: {
    name: 'cae-${token}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    gpuProfileType: gpuProfileType
  }
}

// What GpuServing reads (src/GpuServing/appsettings.json): the registry and Azure Monitor with its own identity,
// and the CUDA execution provider (its default is cpu). The image sets Urls (port 8080).
var gpuServingEnv = [
  { name: 'GpuServing__ExecutionProvider', value: 'cuda' }
  { name: 'AzureWebJobsStorage__accountName', value: storage.outputs.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: gpuIdentity.outputs.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
  { name: 'Registry__Container', value: defaults.Registry__Container }
]

module gpuServing 'modules/gpuServing.bicep' = {
  scope: rg
  params: {
    name: 'ca-gpu-${token}'
    location: location
    tags: tags
    environmentId: containerEnvironment.outputs.id
    identityId: gpuIdentity.outputs.id
    registryServer: registry.outputs.loginServer
    image: gpuServingImage
    minReplicas: gpuMinReplicas
    maxReplicas: gpuMaxReplicas
    concurrentRequestsPerReplica: gpuConcurrentRequestsPerReplica
    cpu: gpuProfileType == 'Consumption-GPU-NC8as-T4' ? '8' : '24'
    memory: gpuProfileType == 'Consumption-GPU-NC8as-T4' ? '56Gi' : '220Gi'
    env: gpuServingEnv
    keySecretUri: '${keyVault.outputs.uri}secrets/${secretNames.gpuServingKey}'
  }
  dependsOn: [rbac]
}

module trainingJob 'modules/trainingJob.bicep' = {
  scope: rg
  params: {
    name: 'caj-train-${token}'
    location: location
    tags: tags
    environmentId: containerEnvironment.outputs.id
    identityId: trainingIdentity.outputs.id
    registryServer: registry.outputs.loginServer
    image: trainingImage
    replicaTimeoutSeconds: trainingTimeoutSeconds
    cpu: trainingCpu
    memory: trainingMemory
    // The training command reads its data from the account AzureWebJobsStorage names: here the training data
    // account, which no other identity can read. It registers the result through the function app (--register).
    env: [
      { name: 'AzureWebJobsStorage__accountName', value: trainingStorage.outputs.name }
      { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
      { name: 'AzureWebJobsStorage__clientId', value: trainingIdentity.outputs.clientId }
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
    ]
  }
  dependsOn: [rbac]
}

module rbac 'modules/rbac.bicep' = {
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    trainingStorageAccountName: trainingStorage.outputs.name
    registryContainer: defaults.Registry__Container
    deploymentContainer: deploymentContainer
    containerRegistryName: registry.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    communicationServiceName: email.outputs.communicationServiceName
    functionPrincipalId: functionIdentity.outputs.principalId
    gpuPrincipalId: gpuIdentity.outputs.principalId
    trainingPrincipalId: trainingIdentity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    smtpPrincipalId: smtpPrincipalId
  }
}

// Needs the deployed code's host keys: skipped on the first provision (functionKeysReady false).
module eventGrid 'modules/eventGrid.bicep' = if (functionKeysReady) {
  scope: rg
  params: {
    topicName: 'evgt-${token}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
    functionAppName: functionApp.outputs.name
    blobTriggers: [
      { function: 'ScoreBatchBlob', container: 'batch-in' }
      { function: 'RunBatchJob', container: 'batch-jobs' }
    ]
  }
}

var rollbackGroupName = 'ag-rollback-${token}'

module alertWebhook 'modules/alertWebhook.bicep' = if (functionKeysReady) {
  scope: rg
  params: {
    name: rollbackGroupName
    tags: tags
    functionAppName: functionApp.outputs.name
    alertsRoute: 'api/alerts'
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  params: {
    notifyGroupName: 'ag-notify-${token}'
    tags: tags
    location: location
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmails: alertEmails
    rollbackGroupId: functionKeysReady ? resourceId(subscription().subscriptionId, rg.name, 'Microsoft.Insights/actionGroups', rollbackGroupName) : ''
    models: monitoredModels
    p95LatencyMs: p95LatencyMs
    errorRatePercent: errorRatePercent
    outageMinutes: outageMinutes
    driftThreshold: driftThreshold
    driftMetricName: 'serverless.drift.psi'
  }
  dependsOn: [alertWebhook]
}

// azd reads these into its environment (azd env get-values); the pipeline reads them from the deployment.
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_LOCATION string = location
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output GPU_SERVING_APP_NAME string = gpuServing.outputs.name
output GPU_SERVING_URL string = gpuServing.outputs.url
output TRAINING_JOB_NAME string = trainingJob.outputs.name
output TRAINING_STORAGE_ACCOUNT string = trainingStorage.outputs.name
output STORAGE_ACCOUNT string = storage.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output EMAIL_SENDER string = email.outputs.senderAddress
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
