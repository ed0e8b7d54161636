# A role written in a hurry: the policy language version and an element name are misspelt.
resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-71"
    Statement = [
      {
        Efect     = "Allow"
        Principal = { AWS = "arn:aws:iam::210987654321:role/deployer" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "sts:ExternalId" = "c6f1d2e4-5b7a-4c3e-9f10-2a8b7d6e5f41" }
        }
      },
    ]
  })
}
