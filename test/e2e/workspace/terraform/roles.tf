variable "tools_account" {
  type = string
}

resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role" "tools" {
  name = "tools"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = var.tools_account }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}
