metadata description = 'The Flex Consumption plan and the dotnet-isolated 10.0 function app: one user-assigned identity for storage, Key Vault references, Application Insights and deployment.'

param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob endpoint of the storage account holding the deployment package.')
param deploymentBlobEndpoint string
param deploymentContainer string

@description('Every app setting, composed in main.bicep (tests/Infra.Tests checks it against local.settings.sample.json).')
param appSettings object

@description('Instances kept warm for the HTTP trigger group (0 = scale to zero, cold starts possible).')
@minValue(0)
param alwaysReadyHttp int

@description('Instances kept warm for the Durable trigger group (orchestrations, activities).')
@minValue(0)
param alwaysReadyDurable int

@description('Upper bound on instances (Flex Consumption: 40-1000; the regional quota bounds the sum over apps).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Concurrent HTTP requests one instance takes before Flex adds another (docs/capacity.md: the CPU, not this, should bind).')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Memory per instance; 2048 holds the sample model many times over (docs/capacity.md).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${deploymentBlobEndpoint}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: [
          { name: 'http', instanceCount: alwaysReadyHttp }
          { name: 'durable', instanceCount: alwaysReadyDurable }
        ]
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: { http: { perInstanceConcurrency: httpPerInstanceConcurrency } }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// Basic-auth publishing off: deployments authenticate with Entra ID (azd, the pipeline's federated identity).
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
