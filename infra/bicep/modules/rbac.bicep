metadata description = 'Every role assignment of the system, in one place: each identity gets the data roles it uses, on the narrowest scope that works. Names come from guid(scope, principal, role), so redeploys are idempotent.'

param storageAccountName string
param trainingStorageAccountName string
param registryContainer string
param deploymentContainer string
param containerRegistryName string
param keyVaultName string
param applicationInsightsName string
param communicationServiceName string

@description('Principal ids of the three workload identities.')
param functionPrincipalId string
param gpuPrincipalId string
param trainingPrincipalId string

@description('Who runs azd or the pipeline (publishes the package and pushes images); empty to skip.')
param deployerPrincipalId string
@allowed(['User', 'ServicePrincipal'])
param deployerPrincipalType string

@description('Service principal of the Entra app that signs in to ACS SMTP (docs/runbook.md); empty to skip.')
param smtpPrincipalId string

// Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  metricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  acrPush: '8311e382-0749-4cb8-b61a-753c48b6e2f1'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource registry 'containers' existing = {
      name: registryContainer
    }

    resource deployment 'containers' existing = {
      name: deploymentContainer
    }
  }
}

resource trainingStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: trainingStorageAccountName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: containerRegistryName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

// Function app: the Functions host and Durable Functions need blobs (Owner: host leases and keys), queues and tables
// of its own account; it reads the approval and SMTP secrets; it publishes telemetry. Not the training data.
var functionStorageRoles = [roles.blobDataOwner, roles.queueDataContributor, roles.tableDataContributor]

resource functionStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in functionStorageRoles: {
    name: guid(storage.id, functionPrincipalId, role)
    scope: storage
    properties: {
      principalId: functionPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// The function app reads its Key Vault references; the GPU app reads its shared key (a container app secret).
resource vaultSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in [functionPrincipalId, gpuPrincipalId]: {
    name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
    scope: vault
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]

// Every workload publishes telemetry with its own identity (Application Insights has local auth off).
resource metrics 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in [functionPrincipalId, gpuPrincipalId, trainingPrincipalId]: {
    name: guid(appInsights.id, principalId, roles.metricsPublisher)
    scope: appInsights
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.metricsPublisher)
    }
  }
]

// Both container workloads pull their image with their own identity.
resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in [gpuPrincipalId, trainingPrincipalId]: {
    name: guid(registry.id, principalId, roles.acrPull)
    scope: registry
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    }
  }
]

// GpuServing only reads model artifacts and deployment state: the registry container, read-only.
resource gpuModels 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::registry.id, gpuPrincipalId, roles.blobDataReader)
  scope: storage::blobService::registry
  properties: {
    principalId: gpuPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
  }
}

// Training reads the training data: the only identity with a data role on that account.
resource trainingData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(trainingStorage.id, trainingPrincipalId, roles.blobDataReader)
  scope: trainingStorage
  properties: {
    principalId: trainingPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
  }
}

// The deployer uploads the function package (its container only) and pushes images.
resource deployerPackage 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storage::blobService::deployment.id, deployerPrincipalId, roles.blobDataContributor)
  scope: storage::blobService::deployment
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
  }
}

resource deployerPush 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(registry.id, deployerPrincipalId, roles.acrPush)
  scope: registry
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPush)
  }
}

// ACS SMTP needs exactly these actions on the communication resource; no built-in role is that narrow.
resource smtpSender 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (!empty(smtpPrincipalId)) {
  name: guid(resourceGroup().id, 'acs-smtp-sender')
  properties: {
    roleName: 'ACS SMTP sender (${resourceGroup().name})'
    description: 'Send mail through Azure Communication Services SMTP.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
      }
    ]
  }
}

resource smtpAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(smtpPrincipalId)) {
  name: guid(communication.id, smtpPrincipalId, 'acs-smtp-sender')
  scope: communication
  properties: {
    principalId: smtpPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: smtpSender.id
  }
}
