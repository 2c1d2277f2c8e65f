metadata description = 'Key Vault (RBAC authorization) for the approval signing key, the SMTP credential and the GPU app key; apps read them through Key Vault references.'

param name string
param location string
param tags object

@description('Purge protection: on in production, so a deleted vault (and its keys) can always be recovered.')
param enablePurgeProtection bool

@secure()
@description('HMAC key of approval links. Empty keeps the secret as it is (never rotated by a redeploy; docs/runbook.md#rotate-keys).')
param approvalSigningKey string

@secure()
@description('Client secret of the Entra app that signs in to Azure Communication Services SMTP. Empty keeps the secret as it is.')
param smtpPassword string

@secure()
@description('Shared key the GPU app requires from the function app (x-gpu-key). Empty keeps the secret as it is.')
param gpuServingKey string

@description('Secret names, shared with the Key Vault references in main.bicep.')
param secretNames { approvalSigningKey: string, smtpPassword: string, gpuServingKey: string }

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(approvalSigningKey)) {
  parent: vault
  name: secretNames.approvalSigningKey
  properties: { value: approvalSigningKey, contentType: 'HMAC-SHA256 key, base64' }
}

resource smtp 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: secretNames.smtpPassword
  properties: { value: smtpPassword, contentType: 'Entra client secret for ACS SMTP' }
}

resource gpuKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(gpuServingKey)) {
  parent: vault
  name: secretNames.gpuServingKey
  properties: { value: gpuServingKey, contentType: 'shared key, function app -> GPU app' }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
